import pg from "pg";
import { componentLogger } from "@/lib/logging/logger";

const log = componentLogger("worker");

// Key space of the session-level advisory locks that say "this graphile worker id is alive".
const LIVENESS_LOCK_CLASS = 727_300;

/**
 * graphile-worker leaves a job locked for 4 hours when the process that took it dies, which is
 * far too long for a killed worker's batch or a reply's next step. Each worker process therefore
 * holds, on one dedicated connection, a session advisory lock per graphile worker id it runs.
 * Postgres drops those locks the moment the process (and its connection) is gone, so any process
 * can tell a live lock holder from a dead one and unlock the dead one's jobs at once.
 */
export type WorkerLiveness = {
  claim: (workerId: string) => void;
  /** False while the connection is lost (a PostgreSQL restart): this worker's own jobs look orphaned then. */
  held: () => boolean;
  close: () => Promise<void>;
};

const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export async function holdWorkerLiveness(connectionString: string): Promise<WorkerLiveness> {
  const claimed = new Set<string>();
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = MIN_RETRY_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const lock = (on: pg.Client, workerId: string) => on.query("SELECT pg_advisory_lock($1, hashtext($2))", [LIVENESS_LOCK_CLASS, workerId]);

  // A restarted server or a terminated backend drops the session's locks with the connection:
  // connect again (with backoff) and take every claimed lock back, or other workers would
  // unlock this live worker's jobs as a dead one's.
  const lost = (from: pg.Client, reason: string) => {
    if (client !== from) return;
    client = null;
    void from.end().catch(() => {});
    log.warn({ reason }, "liveness connection lost; reconnecting");
    scheduleReconnect();
  };
  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void open().catch((error: Error) => {
        log.warn({ err: error }, "could not reconnect the liveness connection");
        scheduleReconnect();
      });
    }, delay);
    retryTimer.unref();
  };
  const open = async () => {
    const next = new pg.Client({ connectionString, application_name: "parley-worker-liveness" });
    next.on("error", (error) => lost(next, error.message));
    next.on("end", () => lost(next, "closed"));
    try {
      await next.connect();
      for (const workerId of claimed) await lock(next, workerId);
    } catch (error) {
      next.removeAllListeners("end");
      void next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retryMs = MIN_RETRY_MS;
  };

  await open();
  return {
    claim: (workerId) => {
      claimed.add(workerId);
      chain = chain
        .then(() => (client ? lock(client, workerId) : undefined))
        .catch((error: Error) => log.error({ err: error }, "could not claim liveness"));
    },
    held: () => client !== null,
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await chain;
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}

/**
 * Unlocks the jobs (and queues) of graphile workers whose liveness lock nobody holds. A job is
 * only considered after it has been locked for a few seconds, long enough for a starting worker
 * to have claimed its id. Running a job twice is safe anyway: every effect is idempotent.
 */
export async function releaseOrphanedJobs(db: pg.Pool | pg.Client, graceSeconds = 2): Promise<number> {
  const result = await db.query<{ orphans: string[] }>(
    `WITH orphans AS (
       SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
       WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => $2)
         AND NOT EXISTS (
           SELECT 1 FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
             AND l.classid = $1::int::oid AND l.objid = hashtext(j.locked_by)::oid)
     ), unlocked AS (
       SELECT graphile_worker.force_unlock_workers(array_agg(locked_by)) FROM orphans HAVING count(*) > 0
     )
     SELECT coalesce((SELECT array_agg(locked_by) FROM orphans), '{}') AS orphans, (SELECT count(*) FROM unlocked) AS done`,
    [LIVENESS_LOCK_CLASS, graceSeconds],
  );
  return result.rows[0]?.orphans.length ?? 0;
}
