import "server-only";
import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { InboxFilters, InboxStatus } from "@/lib/inbox/filters";
import { conversations } from "@/lib/db/schema/conversations";

export type Viewer = { workspaceId: string; userId: string };

/**
 * The inbox visibility rule: a conversation is listed, counted or searched only once it has
 * opened. Unanswered campaigns have opened_at NULL and so never match; the partial indexes share
 * this exact predicate.
 */
export function visibleInInbox(workspaceId: string): SQL {
  return and(eq(conversations.workspaceId, workspaceId), isNotNull(conversations.openedAt))!;
}

/** One view = one SQL predicate: the workspace, the visibility rule, the status and each filter. */
export function inboxPredicate(viewer: Viewer, filters: InboxFilters, status: InboxStatus): SQL {
  const parts: SQL[] = [visibleInInbox(viewer.workspaceId), eq(conversations.state, filters.status ?? status)];
  if (filters.origin) parts.push(eq(conversations.origin, filters.origin));
  if (filters.workflowId) parts.push(eq(conversations.workflowId, filters.workflowId));
  if (filters.assignee === "me") parts.push(eq(conversations.assigneeUserId, viewer.userId));
  else if (filters.assignee === "unassigned") parts.push(isNull(conversations.assigneeUserId));
  else if (filters.assignee) parts.push(eq(conversations.assigneeUserId, filters.assignee));
  if (filters.team === "none") parts.push(isNull(conversations.assigneeTeamId));
  else if (filters.team) parts.push(eq(conversations.assigneeTeamId, filters.team));
  if (filters.priority) parts.push(eq(conversations.priority, filters.priority));
  if (filters.channelId) parts.push(eq(conversations.channelId, filters.channelId));
  return and(...parts)!;
}
