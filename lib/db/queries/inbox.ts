import { contactDisplayName } from "@/lib/contacts/display-name";
import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { InboxFilters, InboxSort, InboxStatus } from "@/lib/inbox/filters";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";
import { emailThreads } from "@/lib/db/schema/email";
import { workflows } from "@/lib/db/schema/workflows";
import { teams, users } from "@/lib/db/schema/workspaces";
import { inboxPredicate, type Viewer } from "./inbox-predicates";

export const INBOX_PAGE_SIZE = 25;

export type InboxListItem = {
  id: string;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  lastMessagePreview: string;
  lastMessageAt: Date;
  waitingSince: Date | null;
  state: "campaign" | "open" | "snoozed" | "closed";
  snoozedUntil: Date | null;
  priority: "normal" | "high";
  origin: "inbound" | "workflow" | "api";
  workflowId: string | null;
  workflowName: string | null;
  channelName: string;
  /** An email conversation's subject; null for other channels (and an email thread without one). */
  emailSubject: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  assigneeAvatarUrl: string | null;
  assigneeTeamId: string | null;
  assigneeTeamName: string | null;
};

export type InboxPage = { items: InboxListItem[]; nextCursor: string | null };

const c = conversations;

// Ties on the sort key are broken by id so the order, and so keyset pagination, is total.
function orderBy(sort: InboxSort): SQL[] {
  switch (sort) {
    case "newest":
      return [desc(c.lastMessageAt), desc(c.id)];
    case "oldest":
      return [asc(c.lastMessageAt), asc(c.id)];
    case "priority":
      // The enum is declared normal, high: descending puts high first.
      return [desc(c.priority), desc(c.lastMessageAt), desc(c.id)];
    case "waiting":
      return [asc(sql`coalesce(${c.waitingSince}, 'infinity'::timestamptz)`), asc(c.id)];
  }
}

/**
 * Rows after the cursor conversation in the given order. The cursor's sort values are read from
 * the row itself (inside the workspace), so no timestamp is ever rounded through JavaScript.
 */
function afterCursor(sort: InboxSort, cursorId: string, workspaceId: string): SQL {
  const row = (columns: string) =>
    sql`(SELECT ${sql.raw(columns)} FROM ${c} cur WHERE cur.id = ${cursorId} AND cur.workspace_id = ${workspaceId})`;
  switch (sort) {
    case "newest":
      return sql`(${c.lastMessageAt}, ${c.id}) < ${row("cur.last_message_at, cur.id")}`;
    case "oldest":
      return sql`(${c.lastMessageAt}, ${c.id}) > ${row("cur.last_message_at, cur.id")}`;
    case "priority":
      return sql`(${c.priority}, ${c.lastMessageAt}, ${c.id}) < ${row("cur.priority, cur.last_message_at, cur.id")}`;
    case "waiting":
      return sql`(coalesce(${c.waitingSince}, 'infinity'::timestamptz), ${c.id}) > ${row("coalesce(cur.waiting_since, 'infinity'::timestamptz), cur.id")}`;
  }
}

export type ListInboxOptions = {
  viewer: Viewer;
  filters: InboxFilters;
  status: InboxStatus;
  sort: InboxSort;
  cursor?: string | null;
  limit?: number;
  /** Only these conversations (the search's results), still under the view's predicate. */
  ids?: string[];
  db?: DbOrTx;
};

/** The one SQL statement behind a page (exposed so the benchmark can EXPLAIN it). */
export function buildInboxQuery(options: ListInboxOptions) {
  const db = options.db ?? getDb();
  const limit = options.limit ?? INBOX_PAGE_SIZE;
  const where = [inboxPredicate(options.viewer, options.filters, options.status)];
  if (options.cursor) where.push(afterCursor(options.sort, options.cursor, options.viewer.workspaceId));
  if (options.ids) where.push(inArray(c.id, options.ids));

  // The page is chosen first (index order + LIMIT) and only its rows are joined to names.
  const page = db
    .select({
      id: c.id,
      contactId: c.contactId,
      channelId: c.channelId,
      workflowId: c.workflowId,
      assigneeUserId: c.assigneeUserId,
      assigneeTeamId: c.assigneeTeamId,
      lastMessagePreview: c.lastMessagePreview,
      lastMessageAt: c.lastMessageAt,
      waitingSince: c.waitingSince,
      state: c.state,
      snoozedUntil: c.snoozedUntil,
      priority: c.priority,
      origin: c.origin,
    })
    .from(c)
    .where(and(...where))
    .orderBy(...orderBy(options.sort))
    .limit(limit + 1)
    .as("page");

  const assignee = alias(users, "assignee");
  return db
    .select({
      id: page.id,
      contactId: page.contactId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      contactEmail: contacts.email,
      contactPhone: contacts.phone,
      lastMessagePreview: page.lastMessagePreview,
      lastMessageAt: page.lastMessageAt,
      waitingSince: page.waitingSince,
      state: page.state,
      snoozedUntil: page.snoozedUntil,
      priority: page.priority,
      origin: page.origin,
      workflowId: page.workflowId,
      workflowName: workflows.name,
      channelName: channels.name,
      emailSubject: emailThreads.subject,
      assigneeUserId: page.assigneeUserId,
      assigneeName: assignee.name,
      assigneeAvatarUrl: assignee.avatarUrl,
      assigneeTeamId: page.assigneeTeamId,
      assigneeTeamName: teams.name,
    })
    .from(page)
    .innerJoin(contacts, eq(contacts.id, page.contactId))
    .innerJoin(channels, eq(channels.id, page.channelId))
    .leftJoin(emailThreads, and(eq(emailThreads.conversationId, page.id), eq(channels.kind, "email")))
    .leftJoin(workflows, eq(workflows.id, page.workflowId))
    .leftJoin(assignee, eq(assignee.id, page.assigneeUserId))
    .leftJoin(teams, eq(teams.id, page.assigneeTeamId))
    .orderBy(...pageOrder(options.sort, page));
}

/** One page of a view. Filtering, ordering and paging all happen in one SQL statement. */
export async function listInboxConversations(options: ListInboxOptions): Promise<InboxPage> {
  const limit = options.limit ?? INBOX_PAGE_SIZE;
  const rows = await buildInboxQuery(options);
  const items = rows.slice(0, limit).map(
    (row): InboxListItem => ({
      id: row.id,
      contactId: row.contactId,
      contactName: contactDisplayName({ firstName: row.firstName, lastName: row.lastName, email: row.contactEmail, phone: row.contactPhone }),
      contactEmail: row.contactEmail,
      lastMessagePreview: row.lastMessagePreview,
      lastMessageAt: row.lastMessageAt,
      waitingSince: row.waitingSince,
      state: row.state,
      snoozedUntil: row.snoozedUntil,
      priority: row.priority,
      origin: row.origin,
      workflowId: row.workflowId,
      workflowName: row.workflowName,
      channelName: row.channelName,
      emailSubject: row.emailSubject || null,
      assigneeUserId: row.assigneeUserId,
      assigneeName: row.assigneeName,
      assigneeAvatarUrl: row.assigneeAvatarUrl,
      assigneeTeamId: row.assigneeTeamId,
      assigneeTeamName: row.assigneeTeamName,
    }),
  );
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

type Orderable = Parameters<typeof desc>[0];
type PageSubquery = { id: Orderable; lastMessageAt: Orderable; priority: Orderable; waitingSince: Orderable };

function pageOrder(sort: InboxSort, page: PageSubquery): SQL[] {
  switch (sort) {
    case "newest":
      return [desc(page.lastMessageAt), desc(page.id)];
    case "oldest":
      return [asc(page.lastMessageAt), asc(page.id)];
    case "priority":
      return [desc(page.priority), desc(page.lastMessageAt), desc(page.id)];
    case "waiting":
      return [asc(sql`coalesce(${page.waitingSince}, 'infinity'::timestamptz)`), asc(page.id)];
  }
}

export type ViewCountRequest = { key: string; filters: InboxFilters };

/** Counts at or above this are shown as "999+"; see countInboxViews. */
export const COUNT_CAP = 1000;

/**
 * Every view's count in one round trip. Each count is a scalar subquery over its own indexed
 * predicate, capped at COUNT_CAP rows, so its cost is bounded by the cap instead of the size of
 * the open set (Intercom-style "999+"): exact for every inbox a team can actually work through.
 */
export async function countInboxViews(options: {
  viewer: Viewer;
  views: ViewCountRequest[];
  status: InboxStatus;
  db?: DbOrTx;
}): Promise<Record<string, number>> {
  if (options.views.length === 0) return {};
  const db = options.db ?? getDb();
  const columns = options.views.map(
    (view, index) =>
      sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${c} WHERE ${inboxPredicate(options.viewer, view.filters, options.status)} LIMIT ${COUNT_CAP}) capped) AS ${sql.identifier(`v${index}`)}`,
  );
  const result = await db.execute<Record<string, number>>(sql`SELECT ${sql.join(columns, sql`, `)}`);
  const row = result.rows[0] ?? {};
  return Object.fromEntries(options.views.map((view, index) => [view.key, Number(row[`v${index}`] ?? 0)]));
}
