"use client";

import { Archive, ChevronDown, Flag, RotateCcw, UserPlus, Users } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { InlineStatus } from "@/components/ui/inline-status";
import { Kbd } from "@/components/ui/kbd";
import {
  assignConversationAction,
  closeConversationAction,
  reopenConversationAction,
  setConversationPriorityAction,
} from "@/lib/actions/conversations";
import type { Assignee } from "@/lib/workflow/assignee";
import { ASSIGN_EVENT, CLOSE_EVENT } from "./inbox-events";
import { SnoozeMenu } from "./snooze-menu";
import { useActionRunner } from "./use-action-runner";

export type InboxDirectory = {
  members: { id: string; name: string; avatarUrl: string | null }[];
  /** roundRobin: automatic assignment on, the only teams offered as "Team (round robin)". */
  teams: { id: string; name: string; roundRobin: boolean }[];
  workflows: { id: string; name: string }[];
  channels: { id: string; name: string }[];
};

type Props = {
  workspaceId: string;
  conversation: {
    id: string;
    state: "campaign" | "open" | "snoozed" | "closed";
    priority: "normal" | "high";
    assigneeUserId: string | null;
    assigneeName: string | null;
    assigneeTeamName: string | null;
  };
  directory: InboxDirectory;
};

export function ConversationActions({ workspaceId, conversation, directory }: Props) {
  const { run, pending, error } = useActionRunner();
  const conversationId = conversation.id;
  const assign = (assignee: Assignee) => run(() => assignConversationAction({ workspaceId, conversationId, assignee }));
  const assigneeLabel = conversation.assigneeName ?? conversation.assigneeTeamName ?? "Unassigned";
  const closed = conversation.state === "closed";
  const [assignOpen, setAssignOpen] = useState(false);

  // Keyboard shortcuts (a, e) arrive as window events; a ref keeps the listener stable.
  const closeRef = useRef<() => void>(() => {});
  useEffect(() => {
    closeRef.current = () => {
      if (!closed && !pending) void run(() => closeConversationAction({ workspaceId, conversationId }));
    };
  });
  useEffect(() => {
    const onAssign = () => setAssignOpen(true);
    const onClose = () => closeRef.current();
    window.addEventListener(ASSIGN_EVENT, onAssign);
    window.addEventListener(CLOSE_EVENT, onClose);
    return () => {
      window.removeEventListener(ASSIGN_EVENT, onAssign);
      window.removeEventListener(CLOSE_EVENT, onClose);
    };
  }, []);

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Conversation actions">
        <DropdownMenu open={assignOpen} onOpenChange={setAssignOpen}>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" disabled={pending} aria-label={`Assign (currently ${assigneeLabel})`}>
              <UserPlus aria-hidden />
              <span className="max-w-40 truncate">{assigneeLabel}</span>
              <ChevronDown aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" aria-label="Assign to">
            <DropdownMenuItem onSelect={() => assign({ type: "unassigned" })}>Unassigned</DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Agents</DropdownMenuLabel>
            {directory.members.map((member) => (
              <DropdownMenuItem key={member.id} onSelect={() => assign({ type: "user", userId: member.id })}>
                <Avatar name={member.name} src={member.avatarUrl} size="xs" decorative />
                {member.name}
              </DropdownMenuItem>
            ))}
            {directory.teams.length > 0 ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuLabel>Teams</DropdownMenuLabel>
                {directory.teams.map((team) => (
                  <DropdownMenuItem key={team.id} onSelect={() => assign({ type: "team", teamId: team.id })}>
                    <Users aria-hidden />
                    {team.name}
                  </DropdownMenuItem>
                ))}
              </>
            ) : null}
            {/* Only teams that assign automatically: for the others the server refuses it (round_robin_off). */}
            {directory.teams.some((team) => team.roundRobin) ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuLabel>Team (round robin)</DropdownMenuLabel>
                {directory.teams
                  .filter((team) => team.roundRobin)
                  .map((team) => (
                    <DropdownMenuItem key={`rr-${team.id}`} onSelect={() => assign({ type: "round_robin", teamId: team.id })}>
                      <Users aria-hidden />
                      {team.name} (round robin)
                    </DropdownMenuItem>
                  ))}
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>

        <Button
          variant="outline"
          size="sm"
          disabled={pending}
          aria-pressed={conversation.priority === "high"}
          onClick={() =>
            run(() =>
              setConversationPriorityAction({ workspaceId, conversationId, priority: conversation.priority === "high" ? "normal" : "high" }),
            )
          }
        >
          <Flag aria-hidden />
          High priority
        </Button>

        {conversation.state === "open" ? <SnoozeMenu workspaceId={workspaceId} conversationId={conversationId} /> : null}

        {closed ? (
          <Button variant="outline" size="sm" disabled={pending} onClick={() => run(() => reopenConversationAction({ workspaceId, conversationId }))}>
            <RotateCcw aria-hidden />
            Reopen
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => closeConversationAction({ workspaceId, conversationId }))}>
            <Archive aria-hidden />
            Close
            <Kbd aria-hidden>e</Kbd>
          </Button>
        )}
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
