"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { setTeamRoundRobinAction } from "@/lib/actions/round-robin";

type Props = { workspaceId: string; team: { id: string; name: string }; enabled: boolean; maxOpen: number };

/** A team's automatic assignment: round robin among its Available members, each up to a cap of open conversations. */
export function TeamRoundRobinForm({ workspaceId, team, enabled, maxOpen }: Props) {
  const router = useRouter();
  const id = useId();
  const [on, setOn] = useState(enabled);
  const [pending, startTransition] = useTransition();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cap = String(new FormData(event.currentTarget).get("maxOpen") ?? "");
    startTransition(async () => {
      const result = await setTeamRoundRobinAction({ workspaceId, teamId: team.id, enabled: on, maxOpen: Number(cap) });
      if (result.ok) {
        setFieldError(undefined);
        setStatus({ tone: "success", message: on ? "Automatic assignment is on." : "Automatic assignment is off." });
        router.refresh();
      } else {
        setFieldError(result.fieldErrors?.maxOpen?.[0]);
        setStatus(result.fieldErrors?.maxOpen ? null : { tone: "error", message: result.error });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-2" aria-label={`Automatic assignment for ${team.name}`}>
      <div className="flex items-start gap-2">
        <Checkbox id={`${id}-on`} checked={on} onCheckedChange={(checked) => setOn(checked === true)} />
        <div className="grid gap-0.5">
          <Label htmlFor={`${id}-on`}>Assign automatically (round robin)</Label>
          <p className="text-xs text-muted-foreground">
            Conversations assigned to “{team.name} (round robin)” go to its Available members in turn. With nobody available they wait in the team queue, oldest first.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Field id={id} label="Open conversations per agent" error={fieldError} className="w-56">
          <Input
            id={id}
            name="maxOpen"
            type="number"
            min={0}
            max={10000}
            required
            defaultValue={maxOpen}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldDescribedBy(id, { error: fieldError })}
          />
        </Field>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? "Saving…" : "Save assignment"}
        </Button>
      </div>
      {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
    </form>
  );
}
