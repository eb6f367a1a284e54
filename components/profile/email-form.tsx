"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { requestEmailChangeAction } from "@/lib/actions/account";

type Status = { tone: "success" | "error"; message: string } | null;

export function EmailForm({ email, pending: pendingChange }: { email: string; pending: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const newEmail = String(new FormData(form).get("email") ?? "");
    startTransition(async () => {
      const result = await requestEmailChangeAction({ email: newEmail });
      if (result.ok) {
        setFieldError(undefined);
        setStatus({ tone: "success", message: `We mailed a confirmation link to ${result.data.email}. Your address changes when you open it.` });
        form.reset();
        router.refresh();
      } else {
        setFieldError(result.fieldErrors?.email?.[0]);
        setStatus(result.fieldErrors?.email ? null : { tone: "error", message: result.error });
      }
    });
  }

  const id = "new-email";
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        You sign in with <strong className="font-medium break-all">{email}</strong>.
      </p>
      {pendingChange && !status ? (
        <InlineStatus>
          Waiting for you to open the link we mailed to <strong className="font-medium break-all">{pendingChange}</strong>. Until then your address stays
          the same.
        </InlineStatus>
      ) : null}
      <form onSubmit={onSubmit} className="grid gap-3" noValidate>
        <Field id={id} label="New email address" hint="We mail a link there; the address changes when it is opened (within a day)." error={fieldError}>
          <Input
            id={id}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldDescribedBy(id, { hint: true, error: fieldError })}
            className="max-w-sm"
          />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Sending…" : "Send confirmation link"}
          </Button>
          {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
        </div>
      </form>
    </div>
  );
}
