"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { updateOutreachSettingsAction } from "@/lib/actions/outreach";
import type { OutreachSettings } from "@/lib/outreach/outreach-settings";
import { FREQUENCY_CAP_LIMITS } from "@/lib/outreach/outreach-settings.validation";

type Status = { tone: "success" | "error"; message: string } | null;

/** Settings › Outreach: the workspace's time zone (send windows of contacts without one) and the frequency cap. */
export function OutreachSettingsForm({ workspaceId, settings }: { workspaceId: string; settings: OutreachSettings }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [capOn, setCapOn] = useState(settings.frequencyCap !== null);
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      workspaceId,
      timeZone: String(form.get("timeZone") ?? ""),
      frequencyCap: capOn ? { messages: Number(form.get("capMessages")), days: Number(form.get("capDays")) } : null,
    };
    startTransition(async () => {
      const result = await updateOutreachSettingsAction(input);
      if (result.ok) {
        setErrors({});
        setStatus({ tone: "success", message: "Outreach settings saved." });
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.fieldErrors ? "Check the fields above." : result.error });
      }
    });
  }

  const zoneError = errors.timeZone?.[0];
  const messagesError = errors["frequencyCap.messages"]?.[0];
  const daysError = errors["frequencyCap.days"]?.[0];
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <Field id="outreach-time-zone" label="Workspace time zone" hint="Send windows use it for contacts without a time zone of their own." error={zoneError}>
        <Input
          id="outreach-time-zone"
          name="timeZone"
          list="outreach-time-zones"
          defaultValue={settings.timeZone}
          required
          aria-invalid={zoneError ? true : undefined}
          aria-describedby={fieldDescribedBy("outreach-time-zone", { hint: true, error: zoneError })}
          className="max-w-sm"
        />
        <datalist id="outreach-time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Field>
      <div className="grid gap-3">
        <div className="flex items-start gap-2">
          <Checkbox id="outreach-cap" checked={capOn} onCheckedChange={(checked) => setCapOn(checked === true)} className="mt-0.5" aria-describedby="outreach-cap-hint" />
          <div className="grid gap-1">
            <label htmlFor="outreach-cap" className="text-sm leading-5 font-medium">
              Limit workflow messages per contact
            </label>
            <p id="outreach-cap-hint" className="text-xs text-muted-foreground">
              Across all workflows. A contact at the limit is skipped, with the reason in the run&apos;s log.
            </p>
          </div>
        </div>
        {capOn ? (
          <div className="flex flex-wrap items-start gap-3 pl-6">
            <Field id="outreach-cap-messages" label="At most (messages)" error={messagesError}>
              <Input
                id="outreach-cap-messages"
                name="capMessages"
                type="number"
                inputMode="numeric"
                min={FREQUENCY_CAP_LIMITS.messages.min}
                max={FREQUENCY_CAP_LIMITS.messages.max}
                defaultValue={settings.frequencyCap?.messages ?? 3}
                required
                aria-invalid={messagesError ? true : undefined}
                aria-describedby={fieldDescribedBy("outreach-cap-messages", { error: messagesError })}
                className="w-28"
              />
            </Field>
            <Field id="outreach-cap-days" label="In (days)" error={daysError}>
              <Input
                id="outreach-cap-days"
                name="capDays"
                type="number"
                inputMode="numeric"
                min={FREQUENCY_CAP_LIMITS.days.min}
                max={FREQUENCY_CAP_LIMITS.days.max}
                defaultValue={settings.frequencyCap?.days ?? 7}
                required
                aria-invalid={daysError ? true : undefined}
                aria-describedby={fieldDescribedBy("outreach-cap-days", { error: daysError })}
                className="w-28"
              />
            </Field>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save outreach settings"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
