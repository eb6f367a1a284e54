import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { jsonbParam } from "@/lib/db/sql-params";
import { LIVE_CHANNEL, type LiveEvent } from "./live-event";

/**
 * NOTIFYs live events inside the caller's transaction: Postgres delivers them only if it commits,
 * so a listener never hears of a change that was rolled back. Many events go in one statement.
 */
export async function notifyLiveEvents(db: DbOrTx, events: readonly LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, e::text) FROM jsonb_array_elements(${jsonbParam(events)}) AS e`);
}
