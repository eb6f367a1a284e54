import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";

export type WorkspaceTag = { tag: string; contacts: number };

/**
 * The workspace's tags with how many contacts carry each, most used first: the autocomplete of
 * the tag editor and the filter's tag picker. Optionally those starting with `prefix` (ignoring case).
 */
export async function listWorkspaceTags(db: DbOrTx, workspaceId: string, options: { prefix?: string; limit?: number } = {}): Promise<WorkspaceTag[]> {
  const tag = sql<string>`tag`;
  const prefix = options.prefix?.trim().toLowerCase();
  const rows = await db
    .select({ tag, contacts: sql<number>`count(*)::int` })
    .from(sql`${contacts}, unnest(${contacts.tags}) AS tag`)
    .where(and(eq(contacts.workspaceId, workspaceId), prefix ? sql`starts_with(lower(tag), ${prefix})` : undefined))
    .groupBy(tag)
    .orderBy(sql`count(*) DESC`, tag)
    .limit(options.limit ?? 200);
  return rows;
}
