"use client";

import { CONVERSATION_ORIGINS, INBOX_STATUSES, ORIGIN_LABELS, STATUS_LABELS, type InboxFilters } from "@/lib/inbox/filters";
import type { InboxDirectory } from "./conversation-actions";
import { LabelledSelect, type SelectOption } from "./labelled-select";

const ANY = "any";

type Props = { filters: InboxFilters; onChange: (filters: InboxFilters) => void; directory: InboxDirectory };

/** The filters a Conversation View is made of, one labelled select each ("Any" = no filter). */
export function FilterFields({ filters, onChange, directory }: Props) {
  const set = <K extends keyof InboxFilters>(key: K, value: string) => {
    const next = { ...filters };
    if (value === ANY) delete next[key];
    else next[key] = value as InboxFilters[K];
    onChange(next);
  };
  const field = (key: keyof InboxFilters, label: string, options: SelectOption[]) => (
    <LabelledSelect label={label} value={filters[key] ?? ANY} options={[{ value: ANY, label: "Any" }, ...options]} onChange={(v) => set(key, v)} />
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {field("origin", "Origin", CONVERSATION_ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] })))}
      {field("workflowId", "Workflow", directory.workflows.map((w) => ({ value: w.id, label: w.name })))}
      {field("assignee", "Assignee", [
        { value: "me", label: "Me" },
        { value: "unassigned", label: "Unassigned" },
        ...directory.members.map((m) => ({ value: m.id, label: m.name })),
      ])}
      {field("team", "Team", [{ value: "none", label: "No team" }, ...directory.teams.map((t) => ({ value: t.id, label: t.name }))])}
      {field("priority", "Priority", [
        { value: "high", label: "High" },
        { value: "normal", label: "Normal" },
      ])}
      {field("status", "Status", INBOX_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })))}
      {field("channelId", "Channel", directory.channels.map((c) => ({ value: c.id, label: c.name })))}
    </div>
  );
}
