"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { sendSandboxReplyAction } from "@/lib/actions/sms-channels";
import { smsSegments } from "@/lib/sms/segments";

/** Sends a text as a pretend phone: with `phone` it is "reply as this phone", without it any number. */
export function SandboxReplyForm({ workspaceId, channelId, phone }: { workspaceId: string; channelId: string; phone?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const idPrefix = phone ? "sandbox-reply" : "sandbox-new";
  const segments = smsSegments(body);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const from = phone ?? String(new FormData(form).get("phone") ?? "");
    startTransition(async () => {
      const result = await sendSandboxReplyAction({ workspaceId, channelId, phone: from, body });
      if (result.ok) {
        setBody("");
        setErrors({});
        setFailure(null);
        if (!phone) router.push(`?channel=${channelId}&phone=${encodeURIComponent(from.replace(/[^\d+]/g, ""))}`);
        router.refresh();
      } else {
        setErrors({ phone: result.fieldErrors?.phone?.[0] ?? (result.code === "invalid_phone" ? result.error : undefined), body: result.fieldErrors?.body?.[0] });
        setFailure(result.fieldErrors || result.code === "invalid_phone" ? null : result.error);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label={phone ? `Reply as ${phone}` : "Text from a phone"}>
      {phone ? null : (
        <Field id={`${idPrefix}-phone`} label="From phone" error={errors.phone}>
          <Input
            id={`${idPrefix}-phone`}
            name="phone"
            type="tel"
            required
            placeholder="+14155550123"
            className="max-w-xs"
            aria-invalid={errors.phone ? true : undefined}
            aria-describedby={fieldDescribedBy(`${idPrefix}-phone`, { error: errors.phone })}
          />
        </Field>
      )}
      <Field
        id={`${idPrefix}-body`}
        label={phone ? `Reply as ${phone}` : "Text"}
        hint={`${segments.units} ${segments.encoding === "GSM-7" ? "characters" : "UCS-2 units"} · ${segments.segments} segment${segments.segments === 1 ? "" : "s"} (${segments.encoding})`}
        error={errors.body}
      >
        <Textarea
          id={`${idPrefix}-body`}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          required
          rows={3}
          maxLength={1600}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={fieldDescribedBy(`${idPrefix}-body`, { hint: true, error: errors.body })}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send text"}</Button>
        {failure ? <InlineStatus tone="error">{failure}</InlineStatus> : null}
      </div>
    </form>
  );
}
