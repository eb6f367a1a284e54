import { sql } from "drizzle-orm";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { contactIsLiveAs } from "@/lib/contacts/live-contact";
import type { ServiceContext } from "@/lib/services/service-context";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import type { AudiencePreviewInput } from "./audience-preview.validation";

export type AudiencePreview = {
  count: number;
  sample: { id: string; name: string; email: string | null; lastConversationOpenedAt: Date | null }[];
};

/** The live count shown under an Audience Matched filter, with the first few matching contacts. */
export async function previewAudience(ctx: ServiceContext, input: AudiencePreviewInput): Promise<AudiencePreview> {
  const condition = sql`${compileAudience(input.filter, ctx.workspace.id)} AND ${contactIsLiveAs(sql.raw("c"))}`;
  // Raw SQL on purpose: the compiled audience filter is the same predicate the fan-out runs.
  const count = await ctx.tx.execute<{ n: string }>(sql`SELECT count(*) AS n FROM contacts c WHERE ${condition}`);
  const sample = await ctx.tx.execute<{
    id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    phone: string | null;
    last_conversation_opened_at: string | null;
  }>(sql`
    SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.last_conversation_opened_at
    FROM contacts c WHERE ${condition} ORDER BY c.created_at DESC, c.id LIMIT 10`);
  return {
    count: Number(count.rows[0]?.n ?? 0),
    sample: sample.rows.map((row) => ({
      id: row.id,
      name: contactDisplayName({ firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone }),
      email: row.email,
      lastConversationOpenedAt: row.last_conversation_opened_at ? new Date(row.last_conversation_opened_at) : null,
    })),
  };
}
