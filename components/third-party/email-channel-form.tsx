"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { createEmailChannelAction, updateEmailChannelAction } from "@/lib/actions/email-channels";
import { DEFAULT_FROM_NAME_PATTERN } from "@/lib/email/channel-config";
import { DEFAULT_SEND_RATE, MAX_SEND_RATE, sendRateLabel } from "@/lib/outbox/send-rate";
import { SecretReveal } from "./secret-reveal";

type TransportKind = "default" | "smtp" | "sandbox";
export type EmailChannelFormValues = {
  channelId?: string;
  name: string;
  fromAddress: string;
  fromNamePattern: string;
  replyDomain: string;
  ratePerSecond: number;
  transport: { kind: TransportKind; host?: string; port?: number; secure?: boolean; username?: string; hasPassword?: boolean };
};

/** Create or edit an email channel: addresses, how it sends, and its send rate. */
export function EmailChannelForm({ workspaceId, initial, defaultSmtp }: { workspaceId: string; initial?: EmailChannelFormValues; defaultSmtp: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<TransportKind>(initial?.transport.kind ?? (defaultSmtp ? "default" : "sandbox"));
  const [secure, setSecure] = useState(initial?.transport.secure ?? false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [created, setCreated] = useState<{ channelId: string; inboundSecret: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "");
    const transport =
      kind === "smtp"
        ? { kind, host: value("host"), port: Number(value("port") || 587), secure, username: value("username"), password: value("password") }
        : { kind };
    const input = {
      workspaceId,
      name: value("name"),
      fromAddress: value("fromAddress"),
      fromNamePattern: value("fromNamePattern"),
      replyDomain: value("replyDomain"),
      ratePerSecond: Number(value("ratePerSecond") || DEFAULT_SEND_RATE),
      transport,
    };
    startTransition(async () => {
      const result = initial?.channelId ? await updateEmailChannelAction({ ...input, channelId: initial.channelId }) : await createEmailChannelAction(input);
      if (!result.ok) {
        const field = (key: string) => result.fieldErrors?.[key]?.[0] ?? result.fieldErrors?.[`transport.${key}`]?.[0];
        setErrors(Object.fromEntries(["name", "fromAddress", "fromNamePattern", "replyDomain", "ratePerSecond", "host", "port", "username", "password"].map((key) => [key, field(key)])));
        setStatus({ tone: "error", message: result.fieldErrors ? "Some fields are not valid." : result.error });
        return;
      }
      setErrors({});
      if ("inboundSecret" in result.data) {
        setCreated(result.data);
        setStatus(null);
      } else {
        setStatus({ tone: "success", message: "Channel saved." });
        router.refresh();
      }
    });
  }

  if (created) {
    return (
      <div className="grid gap-4">
        <SecretReveal
          label="Inbound webhook secret"
          secret={created.inboundSecret}
          hint="Your mail provider sends it with each forwarded email (Authorization: Bearer …). Copy it now: it will not be shown again."
        />
        <p className="text-sm">
          <Link href={`/${workspaceId}/settings/channels/${created.channelId}`} className="font-medium text-primary underline underline-offset-4">
            Open the channel
          </Link>
        </p>
      </div>
    );
  }

  const input = (id: string, name: string, props: { defaultValue?: string | number; placeholder?: string; type?: string; required?: boolean; min?: number; max?: number }, hint?: string) => (
    <Input id={id} name={name} {...props} aria-invalid={errors[name] ? true : undefined} aria-describedby={fieldDescribedBy(id, { hint, error: errors[name] })} />
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Email channel">
      <Field id="email-name" label="Channel name" error={errors.name}>
        {input("email-name", "name", { defaultValue: initial?.name, required: true, placeholder: "Support email" })}
      </Field>
      <Field id="email-from" label="From address" hint="Your mail provider must be allowed to send from it (SPF, DKIM)." error={errors.fromAddress}>
        {input("email-from", "fromAddress", { defaultValue: initial?.fromAddress, required: true, placeholder: "support@example.com", type: "email" }, "hint")}
      </Field>
      <Field id="email-from-name" label="From name" hint="{sender} is the step's Sender, {workspace} this workspace's name." error={errors.fromNamePattern}>
        {input("email-from-name", "fromNamePattern", { defaultValue: initial?.fromNamePattern ?? DEFAULT_FROM_NAME_PATTERN, placeholder: DEFAULT_FROM_NAME_PATTERN }, "hint")}
      </Field>
      <Field id="email-reply-domain" label="Reply domain" hint="Replies go to reply+…@ this domain; point its MX record at Parley." error={errors.replyDomain}>
        {input("email-reply-domain", "replyDomain", { defaultValue: initial?.replyDomain, required: true, placeholder: "reply.example.com" }, "hint")}
      </Field>
      <Field id="email-rate" label={sendRateLabel("email")} error={errors.ratePerSecond}>
        {input("email-rate", "ratePerSecond", { defaultValue: initial?.ratePerSecond ?? DEFAULT_SEND_RATE, type: "number", min: 1, max: MAX_SEND_RATE, required: true })}
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Sending</legend>
        <RadioGroup value={kind} onValueChange={(next) => setKind(next as TransportKind)} className="grid gap-2" aria-label="Sending">
          <div className="flex items-start gap-2">
            <RadioGroupItem id="transport-default" value="default" className="mt-0.5" />
            <Label htmlFor="transport-default" className="font-normal">
              This install&apos;s mail server <span className="text-muted-foreground">— {defaultSmtp ? `SMTP at ${defaultSmtp}` : "none is set (SMTP_URL), so emails stay in the Email sandbox"}</span>
            </Label>
          </div>
          <div className="flex items-start gap-2">
            <RadioGroupItem id="transport-smtp" value="smtp" className="mt-0.5" />
            <Label htmlFor="transport-smtp" className="font-normal">
              This channel&apos;s own SMTP server
            </Label>
          </div>
          <div className="flex items-start gap-2">
            <RadioGroupItem id="transport-sandbox" value="sandbox" className="mt-0.5" />
            <Label htmlFor="transport-sandbox" className="font-normal">
              Email sandbox <span className="text-muted-foreground">— emails stay in Parley; reply as the recipient in Settings › Email sandbox.</span>
            </Label>
          </div>
        </RadioGroup>
      </fieldset>
      {kind === "smtp" ? (
        <>
          <Field id="email-host" label="SMTP host" error={errors.host}>
            {input("email-host", "host", { defaultValue: initial?.transport.host, required: true, placeholder: "smtp.example.com" })}
          </Field>
          <Field id="email-port" label="SMTP port" error={errors.port}>
            {input("email-port", "port", { defaultValue: initial?.transport.port ?? 587, type: "number", min: 1, max: 65535, required: true })}
          </Field>
          <div className="flex items-center gap-2">
            <input id="email-secure" type="checkbox" checked={secure} onChange={(event) => setSecure(event.target.checked)} className="size-4" />
            <Label htmlFor="email-secure" className="font-normal">
              TLS from the start (port 465); otherwise STARTTLS
            </Label>
          </div>
          <Field id="email-username" label="SMTP username" error={errors.username}>
            {input("email-username", "username", { defaultValue: initial?.transport.username, placeholder: "optional" })}
          </Field>
          <Field id="email-password" label="SMTP password" hint={initial?.transport.hasPassword ? "Stored. Leave blank to keep it." : undefined} error={errors.password}>
            {input("email-password", "password", { type: "password" }, initial?.transport.hasPassword ? "hint" : undefined)}
          </Field>
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial?.channelId ? "Save channel" : "Create email channel"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
