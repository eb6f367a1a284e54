"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { saveIntegrationAction } from "@/lib/actions/integrations";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/events";
import { SecretReveal } from "./secret-reveal";

type Existing = { name: string; webhookUrl: string; events: string[]; enabled: boolean } | null;

export function IntegrationForm({ workspaceId, channelId, existing }: { workspaceId: string; channelId: string; existing: Existing }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [events, setEvents] = useState<WebhookEvent[]>(
    existing ? WEBHOOK_EVENTS.filter((event) => existing.events.length === 0 || existing.events.includes(event)) : [...WEBHOOK_EVENTS],
  );
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { workspaceId, channelId, name: String(data.get("name") ?? ""), webhookUrl: String(data.get("webhookUrl") ?? ""), events, enabled };
    startTransition(async () => {
      const result = await saveIntegrationAction(input);
      if (result.ok) {
        setErrors({});
        setStatus({ tone: "success", message: "Integration saved." });
        if (result.data.signingSecret) setSecret(result.data.signingSecret);
        router.refresh();
        return;
      }
      const urlError = result.code === "invalid_webhook_url" ? result.error : result.fieldErrors?.webhookUrl?.[0];
      setErrors({ name: result.fieldErrors?.name?.[0], webhookUrl: urlError, events: result.fieldErrors?.events?.[0] });
      setStatus(result.fieldErrors || urlError ? null : { tone: "error", message: result.error });
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Integration">
      <Field id="integration-name" label="Name" hint="The third-party system, e.g. “Amelia AI” or “Salesforce”." error={errors.name}>
        <Input
          id="integration-name"
          name="name"
          defaultValue={existing?.name}
          required
          maxLength={80}
          className="max-w-sm"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={fieldDescribedBy("integration-name", { hint: true, error: errors.name })}
        />
      </Field>
      <Field id="integration-url" label="Webhook URL" hint="Parley POSTs signed events here. It must be a public address." error={errors.webhookUrl}>
        <Input
          id="integration-url"
          name="webhookUrl"
          type="url"
          defaultValue={existing?.webhookUrl}
          required
          placeholder="https://example.com/parley/webhooks"
          aria-invalid={errors.webhookUrl ? true : undefined}
          aria-describedby={fieldDescribedBy("integration-url", { hint: true, error: errors.webhookUrl })}
        />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Events</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <div key={name} className="flex items-center gap-2">
            <Checkbox
              id={`event-${name}`}
              checked={events.includes(name)}
              onCheckedChange={(on) => setEvents((current) => (on === true ? [...new Set([...current, name])] : current.filter((e) => e !== name)))}
            />
            <Label htmlFor={`event-${name}`} className="font-normal">
              {WEBHOOK_EVENT_LABELS[name]} <code className="font-mono text-xs text-muted-foreground">{name}</code>
            </Label>
          </div>
        ))}
        {errors.events ? <p role="alert" className="text-xs font-medium text-destructive-soft-foreground">{errors.events}</p> : null}
      </fieldset>
      <div className="flex items-center gap-2">
        <Checkbox id="integration-enabled" checked={enabled} onCheckedChange={(on) => setEnabled(on === true)} />
        <Label htmlFor="integration-enabled" className="font-normal">Enabled (deliveries wait while it is off)</Label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : existing ? "Save integration" : "Create integration"}</Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
      {secret ? <SecretReveal label="Signing secret" secret={secret} hint="Your receiver verifies each delivery's Parley-Signature with it. Copy it now: it will not be shown again." /> : null}
    </form>
  );
}
