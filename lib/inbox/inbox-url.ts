import { filtersToSearchParams, type InboxFilters, type InboxSort, type InboxStatus } from "./filters";
import { inboxPath, type ViewRef } from "./views";

export type InboxUrlState = {
  status: InboxStatus;
  sort: InboxSort;
  /** Only for the unsaved "filter" view, whose filters live in the query string. */
  filters?: InboxFilters;
  cursor?: string | null;
  /** The inbox search's words: while set, the list shows the search's results (lib/db/queries/inbox-search.ts). */
  q?: string;
};

/** A link inside the inbox that keeps the list's status, sort and (ad hoc) filters. */
export function inboxHref(workspaceId: string, view: ViewRef, state: InboxUrlState, conversationId?: string | null): string {
  const params = view.kind === "filter" && state.filters ? filtersToSearchParams(state.filters) : new URLSearchParams();
  if (state.status !== "open") params.set("status", state.status);
  if (state.sort !== "newest") params.set("sort", state.sort);
  if (state.cursor) params.set("cursor", state.cursor);
  if (state.q) params.set("q", state.q);
  const query = params.toString();
  return `${inboxPath(workspaceId, view, conversationId)}${query ? `?${query}` : ""}`;
}

/** "999+" once a capped count reaches its cap. */
export function formatCount(count: number | undefined, cap: number): string {
  if (count === undefined) return "";
  return count >= cap ? `${cap - 1}+` : String(count);
}

/** Short relative time for lists ("now", "5m", "3h", "2d", "4w"). */
export function shortAge(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return "now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days}d`;
  return `${Math.floor(days / 7)}w`;
}
