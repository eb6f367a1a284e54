"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { renameWorkspaceAction } from "@/lib/actions/workspace";

type Status = { tone: "success" | "error"; message: string } | null;

export function RenameWorkspaceForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newName = String(new FormData(event.currentTarget).get("name") ?? "");
    startTransition(async () => {
      const result = await renameWorkspaceAction({ workspaceId, name: newName });
      if (result.ok) {
        setFieldError(undefined);
        setStatus({ tone: "success", message: "Workspace name saved." });
        router.refresh();
      } else {
        setFieldError(result.fieldErrors?.name?.[0]);
        setStatus({ tone: "error", message: result.fieldErrors?.name?.[0] ?? result.error });
      }
    });
  }

  const id = "workspace-name";
  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      <Field id={id} label="Workspace name" error={fieldError}>
        <Input
          id={id}
          name="name"
          defaultValue={name}
          required
          maxLength={80}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldDescribedBy(id, { error: fieldError })}
          className="max-w-sm"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </Button>
        {status && !fieldError ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
