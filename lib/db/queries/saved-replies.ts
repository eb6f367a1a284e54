import "server-only";
import { and, asc, desc, eq, or } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { savedReplies } from "@/lib/db/schema/saved-replies";
import { richTextDocumentSchema, type RichTextDocument } from "@/lib/rich-text/document-schema";
import type { Viewer } from "./inbox-predicates";

export type SavedReply = { id: string; title: string; shared: boolean; ownerUserId: string | null; body: RichTextDocument; updatedAt: Date };

const r = savedReplies;

/** The workspace's shared replies plus the viewer's own personal ones; never another member's. */
export function savedRepliesVisibleTo(viewer: Viewer) {
  return and(eq(r.workspaceId, viewer.workspaceId), or(eq(r.shared, true), eq(r.ownerUserId, viewer.userId)))!;
}

// A body stored by an older version is re-validated on read: one bad row must not break the list.
function toSavedReply(row: { id: string; title: string; shared: boolean; ownerUserId: string | null; body: unknown; updatedAt: Date }): SavedReply {
  const parsed = richTextDocumentSchema.safeParse(row.body);
  return { ...row, body: parsed.success ? parsed.data : { type: "doc", content: [{ type: "paragraph" }] } };
}

const columns = { id: r.id, title: r.title, shared: r.shared, ownerUserId: r.ownerUserId, body: r.body, updatedAt: r.updatedAt };

/** What the composer's list and Settings › Saved replies show: personal first, then shared, by title. */
export async function listSavedReplies(viewer: Viewer, db: DbOrTx = getDb()): Promise<SavedReply[]> {
  const rows = await db.select(columns).from(r).where(savedRepliesVisibleTo(viewer)).orderBy(asc(r.shared), asc(r.title), desc(r.updatedAt), asc(r.id));
  return rows.map(toSavedReply);
}

export async function getSavedReply(viewer: Viewer, id: string, db: DbOrTx = getDb()): Promise<SavedReply | null> {
  const [row] = await db.select(columns).from(r).where(and(savedRepliesVisibleTo(viewer), eq(r.id, id)));
  return row ? toSavedReply(row) : null;
}
