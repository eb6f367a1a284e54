import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactTags } from "@/lib/db/schema/contacts";

/**
 * The workspace's tags, alphabetically (ignoring case): the autocomplete of the tag editor and
 * the filter's tag picker. Read from the tag catalogue (contact_tags, kept by triggers on
 * contacts), so a page that offers tags does not read a million contacts' tags to list them.
 * Optionally those starting with `prefix` (ignoring case).
 */
export async function listWorkspaceTags(db: DbOrTx, workspaceId: string, options: { prefix?: string; limit?: number } = {}): Promise<string[]> {
  const prefix = options.prefix?.trim().toLowerCase();
  const rows = await db
    .select({ tag: contactTags.tag })
    .from(contactTags)
    .where(and(eq(contactTags.workspaceId, workspaceId), prefix ? sql`starts_with(lower(${contactTags.tag}), ${prefix})` : undefined))
    .orderBy(sql`lower(${contactTags.tag})`, asc(contactTags.tag))
    .limit(options.limit ?? 500);
  return rows.map((row) => row.tag);
}

/**
 * Forgets catalogued tags that no contact of their workspace carries any more (removed from
 * everyone, or their contacts erased). Each check is one lookup in the contacts' tags index.
 *
 * The lock closes a race: a transaction that has written a contact with a tag but not committed
 * would look, to the check, like nobody carries it. SHARE ROW EXCLUSIVE waits for every
 * transaction whose trigger already added to the catalogue, and makes the ones about to add wait
 * for this short delete (they then add their tag again).
 */
export async function pruneUnusedTags(db: DbOrTx): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE ${contactTags} IN SHARE ROW EXCLUSIVE MODE`);
    // Raw SQL: an anti-join on an array containment the GIN index answers; drizzle has no `@>` helper.
    const result = await tx.execute(sql`
      DELETE FROM contact_tags t
      WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.workspace_id = t.workspace_id AND c.tags @> ARRAY[t.tag])`);
    return result.rowCount ?? 0;
  });
}
