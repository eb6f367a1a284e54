"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { deleteTeamAction } from "@/lib/actions/teams";

/** Deletes a team after asking; a published workflow that assigns to it makes the server refuse, naming it. */
export function DeleteTeamButton({ workspaceId, team }: { workspaceId: string; team: { id: string; name: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteTeamAction({ workspaceId, teamId: team.id });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <div className="grid gap-2">
      <div>
        <ConfirmButton
          triggerProps={{ disabled: pending, "aria-label": `Delete team ${team.name}`, variant: "outline", size: "md" }}
          title={`Delete the team “${team.name}”?`}
          description="Its conversations move to Unassigned and its inbox view disappears. People stay in the workspace."
          confirmLabel="Delete team"
          destructive
          onConfirm={remove}
        >
          Delete team
        </ConfirmButton>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
