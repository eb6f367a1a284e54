"use client";

import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { LabelledSelect } from "@/components/inbox/labelled-select";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams";

/** Adds one of the workspace's members who is not in the team yet. */
export function AddTeamMember({ workspaceId, team, candidates }: { workspaceId: string; team: { id: string; name: string }; candidates: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [userId, setUserId] = useState(candidates[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  if (candidates.length === 0) return <p className="text-sm text-muted-foreground">Everyone in the workspace is in this team.</p>;
  const chosen = candidates.some((candidate) => candidate.id === userId) ? userId : candidates[0]!.id;

  function add() {
    setError(null);
    startTransition(async () => {
      const result = await addTeamMemberAction({ workspaceId, teamId: team.id, userId: chosen });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <LabelledSelect
          label={`Add a member to ${team.name}`}
          value={chosen}
          onChange={setUserId}
          options={candidates.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          className="min-w-0 flex-1 basis-48 [&_button]:h-9"
        />
        <Button variant="outline" onClick={add} disabled={pending}>
          {pending ? "Adding…" : "Add to team"}
        </Button>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}

export function RemoveTeamMember({ workspaceId, team, member }: { workspaceId: string; team: { id: string; name: string }; member: { id: string; name: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await removeTeamMemberAction({ workspaceId, teamId: team.id, userId: member.id });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <>
      <Button variant="ghost" size="icon-sm" onClick={remove} disabled={pending} aria-label={`Remove ${member.name} from ${team.name}`} title={`Remove from ${team.name}`}>
        <X aria-hidden />
      </Button>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </>
  );
}
