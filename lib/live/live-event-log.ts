import { and, eq, gt, inArray, lt, max, min, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { liveEvents } from "@/lib/db/schema/live-events";
import type { LiveCursor } from "./live-cursor";
import { liveEventSchema, type LiveEvent } from "./live-event";

/** How long live events stay replayable; a reconnect from further back is told to `resync` (refetch). */
export const LIVE_EVENT_RETENTION_MS = 60 * 60 * 1000;
/** More missed events than this for one reader: a refetch is cheaper than the replay. */
export const REPLAY_LIMIT = 500;

/** Which stored events a reader may be replayed: its workspace, and for a contact only their own. */
export type ReplayScope = { workspaceId: string; contactId?: string };

export type Replay = { kind: "events"; events: LiveEvent[]; cursor: LiveCursor } | { kind: "resync"; cursor: LiveCursor };

/**
 * The cursor of a stream that starts fresh (no Last-Event-ID), taken after it is listening: the
 * newest id, and the ids just below it not committed yet (they arrive live).
 */
export async function currentLiveCursor(db: DbOrTx): Promise<LiveCursor> {
  const recent = await db
    .select({ id: liveEvents.id })
    .from(liveEvents)
    .where(gt(liveEvents.id, sql`(SELECT coalesce(max(${liveEvents.id}), 0) - 64 FROM ${liveEvents})`));
  if (recent.length === 0) return { last: 0, pending: [] };
  const ids = new Set(recent.map((row) => row.id));
  const last = Math.max(...ids);
  const pending: number[] = [];
  for (let id = Math.max(1, last - 64); id < last; id++) if (!ids.has(id)) pending.push(id);
  return { last, pending };
}

/**
 * What a reader missed after `cursor`, scoped to what it may see, oldest first. `resync` when the
 * cursor is older than what is kept (rows after it were pruned) or the gap is too long to replay.
 */
export async function replayLiveEvents(db: DbOrTx, cursor: LiveCursor, scope: ReplayScope): Promise<Replay> {
  const [bounds = { oldest: null, newest: null }] = await db.select({ oldest: min(liveEvents.id), newest: max(liveEvents.id) }).from(liveEvents);
  const fresh = async (): Promise<Replay> => ({ kind: "resync", cursor: await currentLiveCursor(db) });
  // Pruning removes a prefix by id and always keeps the newest pruned row, so a gap between the
  // cursor and the oldest row means events were pruned (or, rarely, rolled back: a needless refetch).
  if (bounds.oldest !== null && cursor.last < bounds.oldest - 1) return fresh();
  if (bounds.newest !== null && cursor.last > bounds.newest) return fresh();
  const pending = cursor.pending.filter((id) => bounds.oldest === null || id >= bounds.oldest);
  const rows = await db
    .select({ id: liveEvents.id, payload: liveEvents.payload })
    .from(liveEvents)
    .where(
      and(
        eq(liveEvents.workspaceId, scope.workspaceId),
        scope.contactId ? eq(liveEvents.contactId, scope.contactId) : undefined,
        pending.length > 0 ? or(gt(liveEvents.id, cursor.last), inArray(liveEvents.id, pending)) : gt(liveEvents.id, cursor.last),
      ),
    )
    .orderBy(liveEvents.id)
    .limit(REPLAY_LIMIT + 1);
  if (rows.length > REPLAY_LIMIT) return fresh();
  const events: LiveEvent[] = [];
  for (const row of rows) {
    const parsed = liveEventSchema.safeParse({ ...(row.payload as object), id: row.id });
    if (parsed.success) events.push(parsed.data);
  }
  return { kind: "events", events, cursor: { last: cursor.last, pending } };
}

/**
 * Forgets events older than the retention: a prefix by id up to (not including) the newest old
 * one, which stays as the marker that everything before it is gone. Returns how many went.
 */
export async function pruneLiveEvents(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const [marker] = await db
    .select({ id: max(liveEvents.id) })
    .from(liveEvents)
    .where(lt(liveEvents.createdAt, new Date(now.getTime() - LIVE_EVENT_RETENTION_MS)));
  if (!marker || marker.id === null) return 0;
  const deleted = await db.delete(liveEvents).where(lt(liveEvents.id, marker.id));
  return deleted.rowCount ?? 0;
}
