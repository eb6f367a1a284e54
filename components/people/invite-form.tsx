"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ROLE_LABELS } from "@/lib/members/role-labels";
import { LabelledSelect } from "@/components/inbox/labelled-select";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Role } from "@/lib/db/schema/workspaces";
import { inviteMemberAction } from "@/lib/actions/invitations";

const ROLE_HINTS: Record<Role, string> = {
  owner: "Everything, including roles, the plan and other owners.",
  admin: "Settings, workflows, teams, and inviting agents.",
  agent: "The inbox and contacts.",
};

type Status = { tone: "success" | "error"; message: string } | null;

/** Invite by email with a role (owners: any; admins: agent only) and optional teams. */
export function InviteForm({ workspaceId, roles, teams }: { workspaceId: string; roles: Role[]; teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>("agent");
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [emailError, setEmailError] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get("email") ?? "");
    startTransition(async () => {
      const result = await inviteMemberAction({ workspaceId, email, role, teamIds });
      if (result.ok) {
        setEmailError(undefined);
        setStatus({ tone: "success", message: `Invitation sent to ${result.data.email}. It's listed under Pending invitations, where you can also copy its link.` });
        form.reset();
        setTeamIds([]);
        router.refresh();
      } else {
        setEmailError(result.fieldErrors?.email?.[0]);
        setStatus({ tone: "error", message: result.fieldErrors?.email?.[0] ?? result.error });
      }
    });
  }

  const emailId = "invite-email";
  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Invite people">
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field id={emailId} label="Email address" error={emailError}>
          <Input
            id={emailId}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            maxLength={320}
            placeholder="name@example.com"
            aria-invalid={emailError ? true : undefined}
            aria-describedby={fieldDescribedBy(emailId, { error: emailError })}
          />
        </Field>
        <LabelledSelect label="Role" value={role} onChange={(value) => setRole(value as Role)} options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))} className="[&_button]:h-9" />
      </div>
      <p className="-mt-2 text-xs text-muted-foreground">
        {ROLE_LABELS[role]}: {ROLE_HINTS[role]}
        {roles.length === 1 ? " Admins can invite agents only." : ""}
      </p>
      {teams.length > 0 ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">
            Teams <span className="font-normal text-muted-foreground">(optional)</span>
          </legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {teams.map((team) => (
              <div key={team.id} className="flex items-center gap-2">
                <Checkbox
                  id={`invite-team-${team.id}`}
                  checked={teamIds.includes(team.id)}
                  onCheckedChange={(on) => setTeamIds((current) => (on === true ? [...current, team.id] : current.filter((id) => id !== team.id)))}
                />
                <Label htmlFor={`invite-team-${team.id}`} className="font-normal">
                  {team.name}
                </Label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send invitation"}
        </Button>
      </div>
      {status && !emailError ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
    </form>
  );
}
