"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLE_LABELS } from "@/lib/members/role-labels";
import { LabelledSelect } from "@/components/inbox/labelled-select";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import type { Role } from "@/lib/db/schema/workspaces";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/members";

type Props = {
  workspaceId: string;
  workspaceName: string;
  member: { id: string; name: string; role: Role };
  /** The roles the viewer may give this member (one or none: no choice to offer). */
  roles: Role[];
  canRemove: boolean;
  isSelf: boolean;
};

/** A member's role (a choice when the viewer may change it) and Remove. The server decides again. */
export function MemberControls({ workspaceId, workspaceName, member, roles, canRemove, isSelf }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<Role>(member.role);

  function changeRole(next: Role) {
    const previous = role;
    setRole(next);
    setError(null);
    startTransition(async () => {
      const result = await changeMemberRoleAction({ workspaceId, userId: member.id, role: next });
      if (result.ok) {
        router.refresh();
      } else {
        setRole(previous);
        setError(result.error);
      }
    });
  }

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await removeMemberAction({ workspaceId, userId: member.id });
      if (!result.ok) return setError(result.error);
      if (isSelf) window.location.assign("/");
      else router.refresh();
    });
  }

  // The select shows the new role at once; until the server has it (and the page shows it), say so.
  const savingRole = pending && role !== member.role;

  // A fragment: the controls sit in the row's second column, an error spans the row below.
  return (
    <>
      <div className="flex flex-wrap items-center gap-2 sm:justify-end">
        {roles.length > 1 ? (
          <>
            {/* Always there, so a screen reader hears it fill; last on a phone, where an empty one would indent the row. */}
            <span role="status" aria-live="polite" className="order-last flex items-center gap-1 text-xs text-muted-foreground sm:order-first">
              {savingRole ? (
                <>
                  <Loader2 className="size-3.5 animate-spin motion-reduce:animate-none" aria-hidden /> Saving…
                </>
              ) : null}
            </span>
            <LabelledSelect
              label={`Role of ${member.name}`}
              hideLabel
              value={role}
              onChange={(value) => changeRole(value as Role)}
              options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))}
              className="w-28"
            />
          </>
        ) : null}
        {canRemove ? (
          <ConfirmButton
            triggerProps={{ disabled: pending, "aria-label": `Remove ${member.name}` }}
            title={isSelf ? `Leave ${workspaceName}?` : `Remove ${member.name} from ${workspaceName}?`}
            description={
              isSelf
                ? "You lose access to this workspace at once. Your open conversations become unassigned in your team's queue."
                : "They lose access at once, even on a page they have open. Their open conversations become unassigned in their team's queue; what they wrote keeps their name."
            }
            confirmLabel={isSelf ? "Leave workspace" : "Remove member"}
            destructive
            onConfirm={remove}
          >
            {isSelf ? "Leave" : "Remove"}
          </ConfirmButton>
        ) : null}
      </div>
      {error ? (
        <InlineStatus tone="error" className="sm:col-span-2">
          {error}
        </InlineStatus>
      ) : null}
    </>
  );
}
