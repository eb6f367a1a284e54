import { sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { executeNamed } from "@/lib/db/named-statement";

/**
 * The tables that count events in fixed windows, and the columns that say whose events they are.
 * Each has a primary key of those columns and window_start.
 */
const COUNTERS = {
  api_rate_limits: ["api_key_id"],
  chat_rate_limits: ["contact_id"],
  attempt_windows: ["bucket", "key"],
} as const;

export type WindowCounter = keyof typeof COUNTERS;
type AsStrings<T extends readonly unknown[]> = { -readonly [I in keyof T]: string };
type KeyOf<C extends WindowCounter> = AsStrings<(typeof COUNTERS)[C]>;

/** What the current and the previous fixed window hold, and how far into the current one we are. */
export type WindowCounts = { current: number; previous: number; elapsedSeconds: number; windowSeconds: number };

export type SlidingCount = {
  /** The events of the last windowSeconds, this one included, estimated from the two windows. */
  count: number;
  /** Seconds until the current fixed window ends. */
  resetSeconds: number;
  /** Seconds until one more event would be counted within max (0 when it already would be). */
  retryAfterSeconds: (max: number) => number;
};

/**
 * The sliding-window estimate: the current window's count plus the previous window's, weighted by
 * how much of it still lies in the last windowSeconds. A fixed window alone lets twice the limit
 * through across its edge (max at the end of one window, max again at the start of the next).
 */
export function slidingCount({ current, previous, elapsedSeconds, windowSeconds }: WindowCounts): number {
  return current + previous * Math.max(0, 1 - elapsedSeconds / windowSeconds);
}

/** When the estimate, with one more event, falls back to max if no other event comes. */
export function secondsUntilOneMore(counts: WindowCounts, max: number): number {
  const { current, previous, elapsedSeconds, windowSeconds } = counts;
  const room = max - current - 1;
  if (room >= 0) {
    // Later in this window, as the previous window's weight falls.
    if (previous <= room) return 0;
    return Math.max(0, windowSeconds * (1 - room / previous) - elapsedSeconds);
  }
  // In the next window, where this one is the previous: 1 + current × (1 − t / window) ≤ max.
  const intoNext = current <= max - 1 ? 0 : windowSeconds * (1 - (max - 1) / current);
  return windowSeconds - elapsedSeconds + intoNext;
}

/** The counted window's parts as a counting statement returns them (windowCounting's columns). */
export type CountedWindow = { current: number; previous: number; elapsed: number };

/** The sliding estimate from what a counting statement returned. */
export function slidingResult(row: CountedWindow, windowSeconds: number): SlidingCount {
  const counts = { current: Number(row.current), previous: Number(row.previous), elapsedSeconds: Number(row.elapsed), windowSeconds };
  return {
    count: slidingCount(counts),
    resetSeconds: Math.max(1, Math.ceil(windowSeconds - counts.elapsedSeconds)),
    retryAfterSeconds: (max) => Math.max(1, Math.ceil(secondsUntilOneMore(counts, max))),
  };
}

type KeyValue = string | Placeholder | SQLWrapper;
type AsKeyValues<T extends readonly unknown[]> = { -readonly [I in keyof T]: KeyValue };

/**
 * The two halves of a statement that counts one event for its key: `insert`, the body of a CTE
 * (its row is the current window's count and start), and `columns`, what to select from that CTE
 * (as named `cte`) for slidingResult. The current window's row is the lock, so two concurrent
 * events never both take the last slot. Shared by countInSlidingWindow and the statements that
 * count inside another (a chat message, lib/conversations/record-contact-message.ts).
 */
export function windowCounting<C extends WindowCounter>(counter: C, key: AsKeyValues<(typeof COUNTERS)[C]>, windowSeconds: number) {
  const table = sql.identifier(counter);
  const columns = (COUNTERS[counter] as readonly string[]).map((column) => sql.identifier(column));
  const values = (key as readonly KeyValue[]).map((value) => sql`${value}`);
  const samePrevious = columns.map((column, i) => sql`previous.${column} = ${values[i]}`);
  const insert = sql`INSERT INTO ${table} (${sql.join(columns, sql`, `)}, window_start, count)
      VALUES (${sql.join(values, sql`, `)}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1)
      ON CONFLICT (${sql.join(columns, sql`, `)}, window_start) DO UPDATE SET count = ${table}.count + 1
      RETURNING count, window_start`;
  const selected = (cte: SQL) => ({
    current: sql<number>`${cte}.count`,
    previous: sql<number>`coalesce((SELECT previous.count FROM ${table} previous
        WHERE ${sql.join(samePrevious, sql` AND `)} AND previous.window_start = ${cte}.window_start - make_interval(secs => ${windowSeconds})), 0)`,
    elapsed: sql<number>`extract(epoch FROM now() - ${cte}.window_start)::float8`,
  });
  return { insert, columns: selected };
}

/**
 * Counts one event for its key and returns the sliding estimate, in Postgres so every process
 * shares the count, in one statement. Rows older than two windows are only history
 * (housekeeping forgets them).
 */
export async function countInSlidingWindow<C extends WindowCounter>(db: DbOrTx, counter: C, key: KeyOf<C>, windowSeconds: number): Promise<SlidingCount> {
  const { insert, columns } = windowCounting(counter, key as AsKeyValues<(typeof COUNTERS)[C]>, windowSeconds);
  const { current, previous, elapsed } = columns(sql`counted`);
  // Named: every API request and attempt counts here (lib/db/named-statement.ts).
  const result = await executeNamed<CountedWindow>(db, "sliding_window_count", sql`
    WITH counted AS (${insert})
    SELECT ${current} AS current, ${previous} AS previous, ${elapsed} AS elapsed FROM counted`);
  return slidingResult(result.rows[0]!, windowSeconds);
}
