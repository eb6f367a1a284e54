"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { saveNotificationPreferencesAction } from "@/lib/actions/account";
import type { NotificationPreferences } from "@/lib/notifications/preferences.validation";

type Status = { tone: "success" | "error"; message: string } | null;
type Permission = NotificationPermission | "unsupported" | "unknown";

function CheckRow({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <div className="flex items-start gap-3">
      <Checkbox id={id} checked={checked} onCheckedChange={(value) => onChange(value === true)} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-0.5" />
      <div className="grid gap-0.5">
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** This browser's permission for desktop notifications, asked only when the agent presses the button. */
function DesktopPermission() {
  const [permission, setPermission] = useState<Permission>("unknown");
  useEffect(() => {
    // Read after mount: the server cannot know it, and reading it asks nothing of the agent.
    setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  }, []);
  if (permission === "unknown") return null;
  if (permission === "unsupported") return <p className="text-xs text-muted-foreground">This browser cannot show desktop notifications.</p>;
  if (permission === "granted") return <p className="text-xs text-muted-foreground">This browser shows them.</p>;
  if (permission === "denied") {
    return <p className="text-xs text-muted-foreground">This browser blocks them for Parley: allow notifications in the site settings (the icon beside the address).</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="outline" size="sm" onClick={() => void Notification.requestPermission().then(setPermission)}>
        Allow in this browser
      </Button>
      <span className="text-xs text-muted-foreground">Your browser asks once; each browser you use asks separately.</span>
    </div>
  );
}

export function NotificationPreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState(preferences);
  const [minutes, setMinutes] = useState(String(preferences.emailAfterMinutes));
  const [status, setStatus] = useState<Status>(null);
  const [minutesError, setMinutesError] = useState<string | undefined>();
  const set = (key: keyof NotificationPreferences) => (value: boolean) => setValues((current) => ({ ...current, [key]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveNotificationPreferencesAction({ ...values, emailAfterMinutes: minutes });
      if (result.ok) {
        setMinutesError(undefined);
        setStatus({ tone: "success", message: "Notifications saved." });
        router.refresh();
      } else {
        setMinutesError(result.fieldErrors?.emailAfterMinutes?.[0]);
        setStatus(result.fieldErrors?.emailAfterMinutes ? null : { tone: "error", message: result.error });
      }
    });
  }

  const minutesId = "notify-email-minutes";
  const minutesHint = "Unless you have Parley open. One mail per wait; your answer, a close, a snooze or a reassignment cancels it.";
  return (
    // noValidate: the minutes are checked by the one rule (the schema), whose message shows by the field.
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">Tell me about</legend>
        <CheckRow id="notify-new-conversation" label="New conversations" hint="Assigned to you, or arriving in one of your teams' queues." checked={values.newConversation} onChange={set("newConversation")} />
        <CheckRow id="notify-contact-message" label="Contacts' messages" hint="In conversations assigned to you." checked={values.contactMessage} onChange={set("contactMessage")} />
      </fieldset>

      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">In the browser</legend>
        <p className="text-xs text-muted-foreground">While the inbox is open in a tab, its title counts the conversations with news.</p>
        <CheckRow id="notify-desktop" label="Desktop notifications" checked={values.desktop} onChange={set("desktop")} />
        {values.desktop ? <DesktopPermission /> : null}
      </fieldset>

      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">By email</legend>
        <CheckRow id="notify-email" label="Mail me when a contact waits for my answer" checked={values.email} onChange={set("email")} />
        {values.email ? (
          <Field id={minutesId} label="After (minutes)" hint={minutesHint} error={minutesError}>
            <Input
              id={minutesId}
              name="emailAfterMinutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              required
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
              aria-invalid={minutesError ? true : undefined}
              aria-describedby={fieldDescribedBy(minutesId, { hint: minutesHint, error: minutesError })}
              className="max-w-32"
            />
          </Field>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save notifications"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
