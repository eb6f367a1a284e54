import type pg from "pg";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { componentLogger } from "@/lib/logging/logger";

const log = componentLogger("worker");

/**
 * Unlocks jobs this pool still has locked but no longer runs. graphile-worker (0.17) records a
 * job's end (completeJob/failJob) without retrying when the database is gone at that moment
 * (a restart, a terminated connection): the job stays locked by a live worker, which the
 * liveness check rightly leaves alone, for graphile's four hours. Unlocked here, it runs again
 * (every job's effects are idempotent). `running` is what this process is running now.
 */
export async function releaseStrandedJobs(db: pg.Pool, poolId: string, running: ReadonlySet<string>, graceSeconds = 5): Promise<string[]> {
  if (!poolId) return [];
  // graphile-worker's private tables: it has no function to unlock one job of a live worker.
  const result = await db.query<{ id: string }>(
    `WITH stranded AS (
       UPDATE graphile_worker._private_jobs SET locked_by = NULL, locked_at = NULL
       WHERE locked_by = $1 AND locked_at < now() - make_interval(secs => $3) AND NOT (id::text = ANY($2::text[]))
       RETURNING id, job_queue_id
     ), queues AS (
       UPDATE graphile_worker._private_job_queues q SET locked_by = NULL, locked_at = NULL
       WHERE q.locked_by = $1 AND q.id IN (SELECT job_queue_id FROM stranded)
     )
     SELECT id::text FROM stranded`,
    [poolId, [...running], graceSeconds],
  );
  const ids = result.rows.map((row) => row.id);
  if (ids.length > 0) log.warn({ jobs: ids }, "unlocked jobs whose end could not be recorded (database unreachable at that moment); they run again");
  return ids;
}

let installed = false;
let outagesSeen = 0;

/** Whether a job's end has failed to be recorded in this process: only then can a job be stranded. */
export function jobEndsLost(): boolean {
  return outagesSeen > 0;
}

/**
 * graphile-worker leaves the promise of recording a job's end unhandled, and Node ends the process
 * on an unhandled rejection. When that is the database being unreachable, the worker lives on
 * (releaseStrandedJobs retries the job); any other unhandled rejection still ends the process.
 */
export function surviveDatabaseOutages(): void {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      outagesSeen++;
      log.warn({ err: reason }, "database unreachable while recording a job's end; the job will run again");
      return;
    }
    throw reason;
  });
}
