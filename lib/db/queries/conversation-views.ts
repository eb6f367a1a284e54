import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import { inboxFiltersSchema, type InboxFilters } from "@/lib/inbox/filters";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { conversationViews } from "@/lib/db/schema/conversations";
import { users } from "@/lib/db/schema/workspaces";
import type { Viewer } from "./inbox-predicates";

export type SavedView = {
  id: string;
  name: string;
  shared: boolean;
  ownerUserId: string;
  ownerName: string;
  filters: InboxFilters;
};

const v = conversationViews;

/** Shared views of the workspace plus the viewer's own personal ones; never anyone else's. */
function visibleTo(viewer: Viewer) {
  return and(eq(v.workspaceId, viewer.workspaceId), or(eq(v.shared, true), eq(v.ownerUserId, viewer.userId)));
}

// Saved filters are re-validated on read: a view saved by an older version must not break the page.
function toSavedView(row: { id: string; name: string; shared: boolean; ownerUserId: string; ownerName: string; filters: unknown }): SavedView {
  const parsed = inboxFiltersSchema.safeParse(row.filters);
  return { ...row, filters: parsed.success ? parsed.data : {} };
}

export async function listVisibleViews(viewer: Viewer, db: DbOrTx = getDb()): Promise<SavedView[]> {
  const rows = await db
    .select({ id: v.id, name: v.name, shared: v.shared, ownerUserId: v.ownerUserId, ownerName: users.name, filters: v.filters })
    .from(v)
    .innerJoin(users, eq(users.id, v.ownerUserId))
    .where(visibleTo(viewer))
    .orderBy(asc(v.shared), asc(v.name), asc(v.id));
  return rows.map(toSavedView);
}

/** A view the viewer may see, or null: another workspace's or another member's personal view is "not found". */
export async function getVisibleView(viewer: Viewer, viewId: string, db: DbOrTx = getDb()): Promise<SavedView | null> {
  const [row] = await db
    .select({ id: v.id, name: v.name, shared: v.shared, ownerUserId: v.ownerUserId, ownerName: users.name, filters: v.filters })
    .from(v)
    .innerJoin(users, eq(users.id, v.ownerUserId))
    .where(and(visibleTo(viewer), eq(v.id, viewId)));
  return row ? toSavedView(row) : null;
}
