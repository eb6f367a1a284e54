"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { createSmsChannelAction, updateSmsChannelAction } from "@/lib/actions/sms-channels";
import { DEFAULT_SEND_RATE, MAX_SEND_RATE, sendRateLabel } from "@/lib/outbox/send-rate";

type Provider = "sandbox" | "twilio";
export type SmsChannelFormValues = {
  channelId?: string;
  name: string;
  provider: Provider;
  fromNumber: string;
  accountSid?: string;
  baseUrl?: string;
  hasAuthToken?: boolean;
  helpText?: string;
  ratePerSecond?: number;
};

export function SmsChannelForm({ workspaceId, initial }: { workspaceId: string; initial?: SmsChannelFormValues }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [provider, setProvider] = useState<Provider>(initial?.provider ?? "sandbox");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "");
    const ratePerSecond = Number(value("ratePerSecond") || DEFAULT_SEND_RATE);
    const config =
      provider === "sandbox"
        ? { provider, fromNumber: value("fromNumber"), helpText: value("helpText"), ratePerSecond }
        : {
            provider,
            fromNumber: value("fromNumber"),
            accountSid: value("accountSid"),
            authToken: value("authToken"),
            baseUrl: value("baseUrl") || undefined,
            helpText: value("helpText"),
            ratePerSecond,
          };
    startTransition(async () => {
      const result = initial?.channelId
        ? await updateSmsChannelAction({ workspaceId, channelId: initial.channelId, name: value("name"), config })
        : await createSmsChannelAction({ workspaceId, name: value("name"), config });
      if (!result.ok) {
        const field = (key: string) => result.fieldErrors?.[key]?.[0] ?? result.fieldErrors?.[`config.${key}`]?.[0];
        setErrors({ name: field("name"), fromNumber: field("fromNumber"), accountSid: field("accountSid"), authToken: field("authToken"), baseUrl: field("baseUrl"), helpText: field("helpText"), ratePerSecond: field("ratePerSecond") });
        setStatus({ tone: "error", message: result.fieldErrors ? "Some fields are not valid." : result.error });
        return;
      }
      setErrors({});
      if ("channelId" in result.data) {
        router.push(`/${workspaceId}/settings/channels/${result.data.channelId}`);
      } else {
        setStatus({ tone: "success", message: "Channel saved." });
        router.refresh();
      }
    });
  }

  const input = (id: string, name: string, props: { defaultValue?: string | number; placeholder?: string; type?: string; required?: boolean; min?: number; max?: number }, hint?: string) => (
    <Input
      id={id}
      name={name}
      {...props}
      aria-invalid={errors[name] ? true : undefined}
      aria-describedby={fieldDescribedBy(id, { hint, error: errors[name] })}
    />
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="SMS channel">
      <Field id="sms-name" label="Channel name" error={errors.name}>
        {input("sms-name", "name", { defaultValue: initial?.name, required: true, placeholder: "Support SMS" })}
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Provider</legend>
        <RadioGroup value={provider} onValueChange={(next) => setProvider(next as Provider)} className="grid gap-2" aria-label="Provider">
          <div className="flex items-start gap-2">
            <RadioGroupItem id="provider-sandbox" value="sandbox" className="mt-0.5" />
            <Label htmlFor="provider-sandbox" className="font-normal">
              SMS sandbox <span className="text-muted-foreground">— texts stay in Parley; reply as the phone in Settings › SMS sandbox.</span>
            </Label>
          </div>
          <div className="flex items-start gap-2">
            <RadioGroupItem id="provider-twilio" value="twilio" className="mt-0.5" />
            <Label htmlFor="provider-twilio" className="font-normal">
              Twilio or a Twilio-compatible provider
            </Label>
          </div>
        </RadioGroup>
      </fieldset>
      <Field id="sms-from" label="From number" hint="In international format, e.g. +14155550100." error={errors.fromNumber}>
        {input("sms-from", "fromNumber", { defaultValue: initial?.fromNumber, required: true, placeholder: "+14155550100", type: "tel" }, "hint")}
      </Field>
      {provider === "twilio" ? (
        <>
          <Field id="sms-sid" label="Account SID" error={errors.accountSid}>
            {input("sms-sid", "accountSid", { defaultValue: initial?.accountSid, required: true, placeholder: "AC…" })}
          </Field>
          <Field
            id="sms-token"
            label="Auth token"
            hint={initial?.hasAuthToken ? "Stored. Leave blank to keep it." : "Used to send and to verify the provider's webhook signatures."}
            error={errors.authToken}
          >
            {input("sms-token", "authToken", { type: "password", required: !initial?.hasAuthToken }, "hint")}
          </Field>
          <Field id="sms-base" label="API base URL" hint="Leave blank for https://api.twilio.com." error={errors.baseUrl}>
            {input("sms-base", "baseUrl", { defaultValue: initial?.baseUrl, placeholder: "https://api.twilio.com", type: "url" }, "hint")}
          </Field>
        </>
      ) : null}
      <Field id="sms-rate" label={sendRateLabel("text")} hint="Texts beyond it wait their turn; a Twilio long code takes about one a second." error={errors.ratePerSecond}>
        {input("sms-rate", "ratePerSecond", { defaultValue: initial?.ratePerSecond ?? DEFAULT_SEND_RATE, type: "number", min: 1, max: MAX_SEND_RATE, required: true }, "hint")}
      </Field>
      <Field
        id="sms-help"
        label="Answer to HELP"
        hint="Sent when someone texts HELP or INFO. Leave blank for: “<channel name>: reply to this number to reach our team. Reply STOP to unsubscribe, START to resubscribe.”"
        error={errors.helpText}
      >
        <Textarea
          id="sms-help"
          name="helpText"
          rows={2}
          maxLength={320}
          defaultValue={initial?.helpText}
          aria-invalid={errors.helpText ? true : undefined}
          aria-describedby={fieldDescribedBy("sms-help", { hint: "hint", error: errors.helpText })}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : initial?.channelId ? "Save channel" : "Create SMS channel"}</Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
