import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** The tables that count events in fixed one-minute windows, and the column each counts by. */
const WINDOW_TABLES = {
  api_rate_limits: "api_key_id",
  chat_rate_limits: "contact_id",
} as const;

export type MinuteWindowTable = keyof typeof WINDOW_TABLES;

/**
 * Counts one event in its key's current one-minute window, in Postgres so every process shares
 * the count: one upsert, and the window row is the lock, so two concurrent events never both
 * take the last slot. Returns the count including this event and the seconds until the window ends.
 */
export async function countInMinuteWindow(db: DbOrTx, table: MinuteWindowTable, key: string): Promise<{ count: number; resetSeconds: number }> {
  const column = sql.identifier(WINDOW_TABLES[table]);
  const result = await db.execute<{ count: number; reset_seconds: number }>(sql`
    INSERT INTO ${sql.identifier(table)} (${column}, window_start, count)
    VALUES (${key}, date_trunc('minute', now()), 1)
    ON CONFLICT (${column}, window_start) DO UPDATE SET count = ${sql.identifier(table)}.count + 1
    RETURNING count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS reset_seconds`);
  const row = result.rows[0]!;
  return { count: row.count, resetSeconds: Math.max(1, row.reset_seconds) };
}
