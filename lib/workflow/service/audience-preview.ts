import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { asOptionalDate } from "../../db/sql-params";
import { audienceFilterSchema, type AudienceFilter } from "../audience/audience-filter";
import { compileAudience } from "../audience/compile-audience";

export type AudiencePreview = {
  count: number;
  sample: { id: string; name: string | null; email: string | null; lastConversationOpenedAt: Date | null }[];
};

/** The live count shown under an Audience Matched filter, with the first few matching contacts. */
export async function previewAudience(workspaceId: string, filter: AudienceFilter, db: DbOrTx = getDb()): Promise<AudiencePreview> {
  const condition = compileAudience(audienceFilterSchema.parse(filter), workspaceId);
  const [count, sample] = await Promise.all([
    db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM contacts c WHERE ${condition}`),
    db.execute<{ id: string; name: string | null; email: string | null; last_conversation_opened_at: Date | null }>(sql`
      SELECT c.id, nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') AS name, c.email, c.last_conversation_opened_at
      FROM contacts c WHERE ${condition} ORDER BY c.created_at DESC, c.id LIMIT 10`),
  ]);
  return {
    count: Number(count.rows[0]?.n ?? 0),
    sample: sample.rows.map((row) => ({ id: row.id, name: row.name, email: row.email, lastConversationOpenedAt: asOptionalDate(row.last_conversation_opened_at) })),
  };
}
