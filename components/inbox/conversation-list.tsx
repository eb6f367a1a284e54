import { Inbox, SearchX } from "lucide-react";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { InboxListItem } from "@/lib/db/queries/inbox";
import { STATUS_LABELS, type InboxStatus } from "@/lib/inbox/filters";
import { SEARCH_RESULT_LIMIT } from "@/lib/inbox/inbox-search-text";
import { inboxHref, shortAge, type InboxUrlState } from "@/lib/inbox/inbox-url";
import type { ViewRef } from "@/lib/inbox/views";
import { cn } from "@/lib/utils/cn";
import { RowCheckbox } from "./bulk-selection";
import { HighlightedSnippet } from "./highlighted-snippet";
import { OriginBadge } from "./origin-badge";

type Props = {
  workspaceId: string;
  view: ViewRef;
  urlState: InboxUrlState;
  /** A search's results carry the matching snippet (null when the contact or identifier matched). */
  items: (InboxListItem & { snippet?: string | null })[];
  nextCursor: string | null;
  isFirstPage: boolean;
  selectedId: string | null;
  status: InboxStatus;
  /** Set when the list shows the inbox search's results for these words. */
  searchQuery?: string;
};

const EMPTY_TEXT: Record<InboxStatus, string> = {
  open: "Nothing open here. Unanswered outreach stays out of the inbox until the contact replies.",
  snoozed: "No snoozed conversations in this view.",
  closed: "No closed conversations in this view.",
};

function assigneeText(item: InboxListItem): string {
  if (item.assigneeName && item.assigneeTeamName) return `${item.assigneeName} · ${item.assigneeTeamName}`;
  return item.assigneeName ?? item.assigneeTeamName ?? "Unassigned";
}

/** The conversation list. Rows are links; j/k move focus between them (see InboxShortcuts). */
export function ConversationList({ workspaceId, view, urlState, items, nextCursor, isFirstPage, selectedId, status, searchQuery }: Props) {
  const now = new Date();
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      {searchQuery ? (
        <p role="status" className="border-b px-4 py-2 text-xs text-muted-foreground">
          {items.length === 0 ? "No" : items.length >= SEARCH_RESULT_LIMIT ? `The ${items.length} best` : items.length} {STATUS_LABELS[status].toLowerCase()}{" "}
          {items.length === 1 ? "conversation matches" : "conversations match"} “{searchQuery}”
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={searchQuery ? SearchX : Inbox}
          headingLevel="h3"
          title={searchQuery ? "No matches" : "No conversations"}
          description={<p>{searchQuery ? "Try other words, a name or an email. Campaigns nobody answered are found on the contact's page." : EMPTY_TEXT[status]}</p>}
          className="py-12"
        />
      ) : (
        <ul aria-label="Conversations" className="divide-y" data-inbox-list>
          {items.map((item) => {
            const selected = item.id === selectedId;
            return (
              <li key={item.id} className="flex">
                <RowCheckbox id={item.id} label={item.contactName} />
                <Link
                  href={inboxHref(workspaceId, view, urlState, item.id)}
                  data-inbox-row={item.id}
                  aria-current={selected ? "true" : undefined}
                  className={cn(
                    "block min-w-0 flex-1 px-4 py-3 outline-none transition-colors hover:bg-muted focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
                    selected && "bg-accent",
                  )}
                >
                  <div className="flex items-center gap-2">
                    <Avatar name={item.contactName} size="sm" decorative />
                    <span className="min-w-0 flex-1 truncate text-sm font-semibold text-foreground">{item.contactName}</span>
                    <time dateTime={item.lastMessageAt.toISOString()} title={item.lastMessageAt.toISOString()} className="shrink-0 text-xs text-muted-foreground">
                      {shortAge(item.lastMessageAt, now)}
                    </time>
                  </div>
                  {item.emailSubject ? (
                    <p className="mt-1 truncate text-sm font-medium text-foreground" data-testid="row-subject">
                      <span className="sr-only">Subject: </span>
                      {item.emailSubject}
                    </p>
                  ) : null}
                  <p className={cn("line-clamp-2 text-sm text-muted-foreground", item.emailSubject ? "mt-0.5" : "mt-1")}>
                    {item.snippet ? <HighlightedSnippet snippet={item.snippet} /> : item.lastMessagePreview || "No messages yet"}
                  </p>
                  <div className="mt-2 flex flex-wrap items-center gap-1.5">
                    <OriginBadge origin={item.origin} workflowName={item.workflowName} />
                    {item.priority === "high" ? <Badge variant="destructive">High priority</Badge> : null}
                    {item.waitingSince && item.state === "open" ? <Badge variant="warning">Waiting</Badge> : null}
                    <span className="ml-auto flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
                      {item.assigneeName ? <Avatar name={item.assigneeName} src={item.assigneeAvatarUrl} size="xs" decorative /> : null}
                      <span className="truncate">
                        <span className="sr-only">Assignee: </span>
                        {assigneeText(item)}
                      </span>
                    </span>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {nextCursor || !isFirstPage ? (
        <nav aria-label="Pages" className="flex justify-between gap-2 border-t px-4 py-3 text-sm">
          {!isFirstPage ? (
            <Link className="text-primary underline-offset-4 hover:underline" href={inboxHref(workspaceId, view, { ...urlState, cursor: null }, selectedId)}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link className="text-primary underline-offset-4 hover:underline" href={inboxHref(workspaceId, view, { ...urlState, cursor: nextCursor }, selectedId)}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
