"use client";

import { AlarmClock, Archive, ChevronDown, Flag, UserPlus, Users, X } from "lucide-react";
import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { InlineStatus } from "@/components/ui/inline-status";
import { bulkUpdateConversationsAction } from "@/lib/actions/conversations";
import type { BulkChange, BulkSelection } from "@/lib/conversations/bulk-actions.validation";
import { useBulkSelection } from "./bulk-selection";
import { useActionRunner } from "./use-action-runner";

type Change = BulkChange extends infer C ? (C extends { until: Date } ? Omit<C, "until"> & { until: string } : C) : never;

const DONE: Record<BulkChange["action"], string> = { close: "Closed", snooze: "Snoozed", priority: "Updated", assign: "Assigned" };

function at(daysFromNow: number, hour: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + daysFromNow);
  date.setHours(hour, 0, 0, 0);
  return date;
}

const plural = (n: number) => `${n.toLocaleString()} conversation${n === 1 ? "" : "s"}`;

/**
 * Above the inbox list: tick the page, "select all N in this view", then assign, set priority,
 * snooze or close the selection in one action. The live stream refreshes list and counts after.
 */
export function BulkActionBar() {
  const selection = useBulkSelection();
  const { run, pending, error } = useActionRunner();
  const [done, setDone] = useState<string | null>(null);
  if (!selection) return null;
  // Acting on every row the list shows empties it: the outcome stays in view all the same.
  if (selection.ids.length === 0) {
    return error || done ? (
      <div className="grid gap-2 border-b px-3 py-2">
        <BulkOutcome error={error} done={done} />
      </div>
    ) : null;
  }
  const { ids, selected, allInView, view, directory, workspaceId } = selection;
  const count = allInView && view ? view.total : selected.size;
  const countText = allInView && view?.totalCapped ? `All ${view.total.toLocaleString()}+ in this view` : allInView ? `All ${plural(count)} in this view` : `${selected.size} selected`;
  const pageChecked = allInView || (selected.size === ids.length ? true : selected.size > 0 ? "indeterminate" : false);

  const apply = (change: Change) => {
    setDone(null);
    const target: BulkSelection =
      allInView && view ? { kind: "view", filters: view.filters, status: view.status } : { kind: "ids", conversationIds: [...selected] };
    void run(
      () => bulkUpdateConversationsAction({ workspaceId, selection: target, change }),
      (result) => {
        const skipped = result.skipped > 0 ? ` ${plural(result.skipped)} skipped: their state doesn't allow it.` : "";
        setDone(`${DONE[change.action]} ${plural(result.changed)}.${skipped}`);
        selection.clear();
      },
    );
  };

  return (
    <div className="grid gap-2 border-b px-3 py-2">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Bulk actions">
        <Checkbox
          checked={pageChecked}
          aria-label="Select every conversation on this page"
          onCheckedChange={(checked) => selection.setPage(checked === true)}
        />
        {selected.size === 0 && !allInView ? (
          <span className="text-xs text-muted-foreground">Select conversations to act on several at once</span>
        ) : (
          <>
            <span className="text-xs font-medium" aria-live="polite">
              {countText}
            </span>
            {view && !allInView && selected.size === ids.length && view.total > ids.length ? (
              <Button variant="link" size="sm" className="h-auto px-0 text-xs" onClick={selection.selectAllInView}>
                Select all {view.totalCapped ? `${view.total.toLocaleString()}+` : view.total.toLocaleString()} in this view
              </Button>
            ) : null}
            <div className="flex w-full flex-wrap gap-1.5">
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="outline" size="sm" disabled={pending}>
                    <UserPlus aria-hidden />
                    Assign
                    <ChevronDown aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start" aria-label="Assign the selection to">
                  <DropdownMenuItem onSelect={() => apply({ action: "assign", assignee: { type: "unassigned" } })}>Unassigned</DropdownMenuItem>
                  <DropdownMenuSeparator />
                  <DropdownMenuLabel>Agents</DropdownMenuLabel>
                  {directory.members.map((member) => (
                    <DropdownMenuItem key={member.id} onSelect={() => apply({ action: "assign", assignee: { type: "user", userId: member.id } })}>
                      <Avatar name={member.name} src={member.avatarUrl} size="xs" decorative />
                      {member.name}
                    </DropdownMenuItem>
                  ))}
                  {directory.teams.length > 0 ? (
                    <>
                      <DropdownMenuSeparator />
                      <DropdownMenuLabel>Teams</DropdownMenuLabel>
                      {directory.teams.map((team) => (
                        <DropdownMenuItem key={team.id} onSelect={() => apply({ action: "assign", assignee: { type: "team", teamId: team.id } })}>
                          <Users aria-hidden />
                          {team.name}
                        </DropdownMenuItem>
                      ))}
                    </>
                  ) : null}
                  {directory.teams.some((team) => team.roundRobin) ? (
                    <>
                      <DropdownMenuSeparator />
                      <DropdownMenuLabel>Team (round robin)</DropdownMenuLabel>
                      {directory.teams
                        .filter((team) => team.roundRobin)
                        .map((team) => (
                          <DropdownMenuItem key={`rr-${team.id}`} onSelect={() => apply({ action: "assign", assignee: { type: "round_robin", teamId: team.id } })}>
                            <Users aria-hidden />
                            {team.name} (round robin)
                          </DropdownMenuItem>
                        ))}
                    </>
                  ) : null}
                </DropdownMenuContent>
              </DropdownMenu>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="outline" size="sm" disabled={pending}>
                    <Flag aria-hidden />
                    Priority
                    <ChevronDown aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start" aria-label="Set the selection's priority">
                  <DropdownMenuItem onSelect={() => apply({ action: "priority", priority: "high" })}>High priority</DropdownMenuItem>
                  <DropdownMenuItem onSelect={() => apply({ action: "priority", priority: "normal" })}>Normal priority</DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="outline" size="sm" disabled={pending}>
                    <AlarmClock aria-hidden />
                    Snooze
                    <ChevronDown aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start" aria-label="Snooze the selection until">
                  <DropdownMenuItem onSelect={() => apply({ action: "snooze", until: new Date(Date.now() + 3_600_000).toISOString() })}>In 1 hour</DropdownMenuItem>
                  <DropdownMenuItem onSelect={() => apply({ action: "snooze", until: at(1, 9).toISOString() })}>Tomorrow at 9:00</DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => apply({ action: "close" })}>
                <Archive aria-hidden />
                Close
              </Button>
              <Button variant="ghost" size="sm" disabled={pending} onClick={selection.clear}>
                <X aria-hidden />
                Clear
              </Button>
            </div>
          </>
        )}
      </div>
      <BulkOutcome error={error} done={done} />
    </div>
  );
}

function BulkOutcome({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      {done ? <InlineStatus tone="success">{done}</InlineStatus> : null}
    </>
  );
}
