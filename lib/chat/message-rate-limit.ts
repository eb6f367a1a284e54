import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";

const MAX_PER_MINUTE = 30;

/**
 * Counts one chat message against its contact's one-minute window: enough to stop a runaway
 * script on a public endpoint. Counted in Postgres, so the limit holds however many web
 * processes serve the chat, and across the contact's tabs. The window row is the lock, so
 * concurrent sends never both take the last slot.
 */
export async function consumeChatSend(db: DbOrTx, contactId: string): Promise<void> {
  const result = await db.execute<{ count: number }>(sql`
    INSERT INTO chat_rate_limits (contact_id, window_start, count)
    VALUES (${contactId}, date_trunc('minute', now()), 1)
    ON CONFLICT (contact_id, window_start) DO UPDATE SET count = chat_rate_limits.count + 1
    RETURNING count`);
  if (result.rows[0]!.count > MAX_PER_MINUTE) {
    throw new SafeError("You're sending messages too quickly. Please wait a moment.", { status: 429, code: "rate_limited" });
  }
}
