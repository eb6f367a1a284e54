"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { createTeamAction, renameTeamAction } from "@/lib/actions/teams";

type Props = { workspaceId: string } & ({ mode: "create" } | { mode: "rename"; teamId: string; name: string });

/** Creates a team, or renames one: one name field and its button. */
export function TeamNameForm(props: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const renaming = props.mode === "rename";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    startTransition(async () => {
      const result =
        props.mode === "rename"
          ? await renameTeamAction({ workspaceId: props.workspaceId, teamId: props.teamId, name })
          : await createTeamAction({ workspaceId: props.workspaceId, name });
      if (result.ok) {
        setFieldError(undefined);
        setStatus({ tone: "success", message: renaming ? "Team renamed." : `Team “${result.data.name}” created.` });
        if (!renaming) form.reset();
        router.refresh();
      } else {
        setFieldError(result.fieldErrors?.name?.[0] ?? result.error);
        setStatus(null);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-2" aria-label={renaming ? `Rename ${props.name}` : "Create a team"}>
      <div className="flex flex-wrap items-end gap-2">
        <Field id={id} label={renaming ? "Team name" : "New team name"} error={fieldError} className="min-w-0 flex-1 basis-48">
          <Input
            id={id}
            name="name"
            required
            maxLength={60}
            defaultValue={renaming ? props.name : undefined}
            placeholder={renaming ? undefined : "e.g. Billing"}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldDescribedBy(id, { error: fieldError })}
          />
        </Field>
        <Button type="submit" variant={renaming ? "outline" : "primary"} disabled={pending}>
          {pending ? "Saving…" : renaming ? "Rename" : "Create team"}
        </Button>
      </div>
      {status && !fieldError ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
    </form>
  );
}
