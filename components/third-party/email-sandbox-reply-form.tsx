"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Textarea } from "@/components/ui/textarea";
import { sendEmailSandboxReplyAction } from "@/lib/actions/email-channels";

/** "Reply as the recipient" under an email the sandbox kept: it goes through Parley's inbound path. */
export function EmailSandboxReplyForm({ workspaceId, sandboxMessageId, recipient }: { workspaceId: string; sandboxMessageId: string; recipient: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const id = `email-reply-${sandboxMessageId}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await sendEmailSandboxReplyAction({ workspaceId, sandboxMessageId, text });
      if (result.ok) {
        setText("");
        setError(undefined);
        setStatus({ tone: "success", message: "Reply sent to Parley." });
        router.refresh();
      } else {
        setError(result.fieldErrors?.text?.[0]);
        setStatus(result.fieldErrors ? null : { tone: "error", message: result.error });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-2" aria-label={`Reply as ${recipient}`}>
      <Field id={id} label={`Reply as ${recipient}`} error={error}>
        <Textarea
          id={id}
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={3}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy(id, { error })}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Sending…" : "Send reply"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
