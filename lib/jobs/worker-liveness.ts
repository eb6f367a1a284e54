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
export async function holdWorkerLiveness(connectionString: string): Promise<{ claim: (workerId: string) => void; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString, application_name: "parley-worker-liveness" });
  client.on("error", (error) => log.error({ err: error }, "liveness connection error"));
  await client.connect();
  let chain: Promise<unknown> = Promise.resolve();
  return {
    claim: (workerId) => {
      chain = chain
        .then(() => client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LIVENESS_LOCK_CLASS, workerId]))
        .catch((error: Error) => log.error({ err: error }, "could not claim liveness"));
    },
    close: async () => {
      await chain;
      await client.end().catch(() => {});
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
