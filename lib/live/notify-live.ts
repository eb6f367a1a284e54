import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { columnName } from "@/lib/db/insert-columns";
import { executeNamed } from "@/lib/db/named-statement";
import { liveEvents } from "@/lib/db/schema/live-events";
import { jsonbParam } from "@/lib/db/sql-params";
import { LIVE_CHANNEL, type LiveEvent } from "./live-event";

/**
 * NOTIFYs live events inside the caller's transaction: Postgres delivers them only if it commits,
 * so a listener never hears of a change that was rolled back. Each is also written to live_events
 * in the same statement, and its row id rides on the NOTIFY: that id is the stream's SSE `id:`,
 * from which a reconnect to any web process replays what it missed. Many events, one statement.
 */
export async function notifyLiveEvents(db: DbOrTx, events: readonly LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await notifyLiveEventRows(db, sql`SELECT e FROM jsonb_array_elements(${jsonbParam(events)}) AS e`);
}

/**
 * The one writer of live_events: the INSERT that stores the events `rows` selects (columns
 * workspace_id, contact_id and payload, each payload a LiveEvent) and returns their id and
 * payload, for a CTE whose rows `notifyStored` then announces. Composed into a caller's own
 * statement where one round trip per change measurably matters (a contact's message).
 */
export function storeLiveEvents(rows: SQL): SQL {
  return sql`INSERT INTO ${liveEvents} (${columnName(liveEvents.workspaceId)}, ${columnName(liveEvents.contactId)}, ${columnName(liveEvents.payload)}) ${rows}
    RETURNING ${columnName(liveEvents.id)} AS id, ${columnName(liveEvents.payload)} AS payload`;
}

/** The NOTIFY of each event a `storeLiveEvents` CTE named `stored` wrote, its row id riding on it, in id order. */
export function notifyStored(stored: SQL): SQL {
  return sql`SELECT pg_notify(${LIVE_CHANNEL}, (payload || jsonb_build_object('id', id))::text) FROM (SELECT * FROM ${stored} ORDER BY id) AS s`;
}

/**
 * Writes and NOTIFYs the events `eventRows` selects (one jsonb column `e`, each a LiveEvent).
 * Raw SQL: the insert and the NOTIFYs are one statement (one round trip for a whole batch).
 */
export async function notifyLiveEventRows(db: DbOrTx, eventRows: SQL): Promise<void> {
  // Named: every change writes its events here (lib/db/named-statement.ts; one name per caller's rows).
  await executeNamed(db, "live_events_write", sql`
    WITH incoming AS (${eventRows}),
    stored AS (${storeLiveEvents(sql`SELECT (incoming.e->>'workspaceId')::uuid, (incoming.e->>'contactId')::uuid, incoming.e FROM incoming`)})
    ${notifyStored(sql`stored`)}`);
}

/** Ephemeral events (typing, seen): NOTIFY only, no row and no id, so never replayed. */
export async function notifyEphemeralLiveEvents(db: DbOrTx, events: readonly LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, e::text) FROM jsonb_array_elements(${jsonbParam(events)}) AS e`);
}
