"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { updateProfileNameAction } from "@/lib/actions/account";

type Status = { tone: "success" | "error"; message: string } | null;

export function ProfileNameForm({ name }: { name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newName = String(new FormData(event.currentTarget).get("name") ?? "");
    startTransition(async () => {
      const result = await updateProfileNameAction({ name: newName });
      if (result.ok) {
        setFieldError(undefined);
        setStatus({ tone: "success", message: "Name saved." });
        router.refresh();
      } else {
        setFieldError(result.fieldErrors?.name?.[0]);
        setStatus(result.fieldErrors?.name ? null : { tone: "error", message: result.error });
      }
    });
  }

  const id = "profile-name";
  const hint = "Contacts see it beside your messages; your team sees it in the inbox.";
  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      <Field id={id} label="Name" hint={hint} error={fieldError}>
        <Input
          id={id}
          name="name"
          defaultValue={name}
          required
          maxLength={80}
          autoComplete="name"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldDescribedBy(id, { hint, error: fieldError })}
          className="max-w-sm"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
