import { sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx } from "@/lib/db/client";
import { retryDelayMs } from "@/lib/webhooks/backoff";
import { DEFAULT_SEND_RATE } from "./send-rate";

// The one mechanism behind Parley's per-message outboxes (SMS, email): due rows are claimed in
// batches under a lease, fairly across the channels they go out on, attempts are counted and a
// failure is retried with backoff, and a wakeup job is always scheduled for the next due row, so
// no worker slot ever waits. Each outbox keeps only what is its own: which columns a claimed row
// needs, how one is sent, and how its result is recorded.

/** Makes sure a drain runs at `at`, in the given transaction (a keyed wakeup job). */
export type ScheduleWakeup = (db: DbOrTx, at: Date) => Promise<void>;

/** A claimed row: its id and which attempt this one is (1 for the first). */
export type ClaimedDelivery = { id: number; attempts: number };

export type OutboxSpec = {
  /** The outbox table. Each has id, status, attempts, next_attempt_at, updated_at, conversation_id and its group column. */
  table: "sms_deliveries" | "email_deliveries";
  /** What a row goes out on: the unit of fairness and of the send rate. `where` filters the group table (alias `g`). */
  group: { column: "channel_id"; table: "channels"; where: SQL };
  /** Statuses of a row still to send: waiting, or claimed by a worker whose lease may have run out. */
  pendingStatuses: readonly string[];
  /** The status a claim sets (one of pendingStatuses, so a lapsed lease is claimed again). */
  claimedStatus: string;
  /** How long a claimed row is reserved: must outlast one send, so two workers never overlap. */
  leaseMs: number;
  /** At most this many rows per claim (and per group in one claim). */
  batchSize: number;
  /**
   * A per-group send rate, an SQL expression over the group's row `g`: the claims of the last
   * second (the table's claimed_at) count against it, and claims are serialised so two drains
   * cannot both spend the same second's budget.
   */
  ratePerSecond?: SQL;
};

/** The send rate a channel's settings give (channels.config.ratePerSecond, lib/outbox/send-rate.ts), for OutboxSpec.ratePerSecond. */
export const channelSendRate: SQL = sql`coalesce((g.config->>'ratePerSecond')::int, ${sql.raw(String(DEFAULT_SEND_RATE))})`;

const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/** Pending rows of the outbox (alias `d`) not held back by an earlier pending row of their conversation: one at a time, in order. */
function pendingInOrder(spec: OutboxSpec): SQL {
  const table = sql.identifier(spec.table);
  const column = sql.identifier(spec.group.column);
  return sql`d.status IN (${list(spec.pendingStatuses)})
    AND NOT EXISTS (
      SELECT 1 FROM ${table} e
      WHERE e.conversation_id = d.conversation_id AND e.${column} = d.${column}
        AND e.status IN (${list(spec.pendingStatuses)}) AND e.id < d.id)`;
}

/**
 * Claims due rows: oldest first within each group and round robin across groups (every
 * channel's first row before any channel's second), so one workspace's big campaign neither
 * crowds another channel out nor takes the whole batch; at most each group's rate, if it has
 * one. A claimed row counts an attempt and is leased: a worker killed mid-send leaves it to be
 * claimed again when the lease ends (at least once). Raw SQL on purpose: a lateral window over
 * each group's due rows under FOR UPDATE SKIP LOCKED, in one statement.
 */
export async function claimDue(db: Database, spec: OutboxSpec, scheduleWakeup?: ScheduleWakeup): Promise<ClaimedDelivery[]> {
  const table = sql.identifier(spec.table);
  const groupTable = sql.identifier(spec.group.table);
  const column = sql.identifier(spec.group.column);
  const budget = spec.ratePerSecond
    ? sql`${spec.ratePerSecond} - (SELECT count(*) FROM ${table} r WHERE r.${column} = g.id AND r.claimed_at > clock_timestamp() - interval '1 second')`
    : sql`${spec.batchSize}::int`;
  return db.transaction(async (tx) => {
    if (spec.ratePerSecond) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`parley:${spec.table}:claim`}))`);
    const result = await tx.execute<{ id: string | number; attempts: number }>(sql`
      WITH budget AS (
        SELECT g.id AS group_id, ${budget} AS remaining
        FROM ${groupTable} g
        WHERE ${spec.group.where}
          AND EXISTS (SELECT 1 FROM ${table} q WHERE q.${column} = g.id AND q.status IN (${list(spec.pendingStatuses)}) AND q.next_attempt_at <= now())
      ), locked AS (
        SELECT due.id, due.next_attempt_at, budget.group_id FROM budget
        CROSS JOIN LATERAL (
          SELECT d.id, d.next_attempt_at FROM ${table} d
          WHERE d.${column} = budget.group_id AND d.next_attempt_at <= now() AND ${pendingInOrder(spec)}
          ORDER BY d.next_attempt_at, d.id
          LIMIT least(greatest(budget.remaining, 0), ${spec.batchSize}::int)
          FOR UPDATE OF d SKIP LOCKED
        ) due
      ), picked AS (
        SELECT ranked.id FROM (
          SELECT locked.id, locked.next_attempt_at,
                 row_number() OVER (PARTITION BY locked.group_id ORDER BY locked.next_attempt_at, locked.id) AS n
          FROM locked
        ) ranked
        ORDER BY ranked.n, ranked.next_attempt_at, ranked.id
        LIMIT ${spec.batchSize}::int
      )
      UPDATE ${table} s
      SET status = ${spec.claimedStatus}, attempts = s.attempts + 1,
          ${spec.ratePerSecond ? sql`claimed_at = clock_timestamp(),` : sql``}
          next_attempt_at = now() + ${spec.leaseMs} * interval '1 millisecond', updated_at = now()
      FROM picked WHERE s.id = picked.id
      RETURNING s.id, s.attempts`);
    // Committed with the claim: if this worker dies, a drain still comes back when the lease ends.
    if (result.rows.length > 0 && scheduleWakeup) await scheduleWakeup(tx, new Date(Date.now() + spec.leaseMs + 1_000));
    return result.rows.map((row) => ({ id: Number(row.id), attempts: row.attempts }));
  });
}

/**
 * When a drain should next run: the earliest moment a row can be claimed. That is a row's
 * next_attempt_at (a retry, a lapsed lease), or, for a channel whose rate is spent, the moment
 * its oldest claim of the last second leaves the window. Not "a second from now": a drain that
 * sent its second's worth in 200 ms can send again 800 ms later, so the channel gets its rate.
 */
async function nextWakeup(db: Database, spec: OutboxSpec): Promise<Date | null> {
  const table = sql.identifier(spec.table);
  const column = sql.identifier(spec.group.column);
  const groupTable = sql.identifier(spec.group.table);
  const freed = spec.ratePerSecond
    ? sql`(SELECT min(r.claimed_at) + interval '1 second' FROM ${table} r
        WHERE r.${column} = g.id AND r.claimed_at > clock_timestamp() - interval '1 second'
        HAVING count(*) >= ${spec.ratePerSecond})`
    : sql`NULL::timestamptz`;
  const result = await db.execute<{ at: Date | string | null }>(sql`
    SELECT min(greatest(due.at, coalesce(${freed}, due.at))) AS at
    FROM (
      SELECT d.${column} AS group_id, min(d.next_attempt_at) AS at FROM ${table} d
      WHERE ${pendingInOrder(spec)} GROUP BY d.${column}
    ) due
    JOIN ${groupTable} g ON g.id = due.group_id
    WHERE ${spec.group.where}`);
  const at = result.rows[0]?.at;
  if (!at) return null;
  // Never sooner than a moment from now: a row due now that this drain could not claim (another
  // drain holds its lock) must not turn into a job that wakes, finds nothing, and wakes again.
  return new Date(Math.max(new Date(at).getTime(), Date.now() + NEXT_WAKEUP_FLOOR_MS));
}

const NEXT_WAKEUP_FLOOR_MS = 100;

export type FailedAttempt = { status: "failed" } | { status: "retry"; delayMs: number };

/**
 * What becomes of a row whose attempt failed: retried after a backoff (10 s doubling to an hour,
 * jittered), or failed for good when the error is permanent or the attempts are spent.
 */
export function afterFailedAttempt(
  attempts: number,
  { permanent, maxAttempts, backoffMs = retryDelayMs }: { permanent: boolean; maxAttempts: number; backoffMs?: (attempts: number) => number },
): FailedAttempt {
  if (permanent || attempts >= maxAttempts) return { status: "failed" };
  return { status: "retry", delayMs: backoffMs(attempts) };
}

export type DrainOptions = {
  db: Database;
  scheduleWakeup?: ScheduleWakeup;
  /** How long one run keeps claiming before it hands over to the next job. */
  budgetMs?: number;
};

/** What an outbox's drain (SMS, email) takes: the database defaults to the app's, backoff to the shared one. */
export type OutboxDrainOptions = Partial<DrainOptions> & { backoffMs?: (attempts: number) => number };

/**
 * Claims and sends due rows until none are due (or only ones a rate holds back) or the time
 * budget is spent, then schedules the next wakeup. Returns how many rows were attempted.
 * `load` reads what sending needs of the claimed rows; `send` sends one and records its result.
 */
export async function drainDeliveries<Row>(
  spec: OutboxSpec,
  options: DrainOptions,
  load: (db: Database, claimed: ClaimedDelivery[]) => Promise<Row[]>,
  send: (row: Row) => Promise<void>,
): Promise<number> {
  const { db, scheduleWakeup } = options;
  const deadline = Date.now() + (options.budgetMs ?? 25_000);
  let attempted = 0;
  while (Date.now() < deadline) {
    const claimed = await claimDue(db, spec, scheduleWakeup);
    if (claimed.length === 0) break;
    const rows = await load(db, claimed);
    await Promise.all(rows.map(send));
    attempted += claimed.length;
  }
  if (scheduleWakeup) {
    const next = await nextWakeup(db, spec);
    if (next) await scheduleWakeup(db, next);
  }
  return attempted;
}
