import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { componentLogger } from "@/lib/logging/logger";

const log = componentLogger("jobs");

/** Wakeups further away than this are left to the workers' poll (run-worker.ts, once a second). */
const NUDGE_HORIZON_MS = 5_000;
// A little after the job's run_at, so the database's clock has passed it too.
const NUDGE_MARGIN_MS = 20;

/**
 * Tells idle workers to look for a job when a job queued for `at` falls due. graphile-worker is
 * told at once of a job due now (add_job's NOTIFY on "jobs:insert"), but a job due later is found
 * only by its next poll, up to a poll interval late: for a drain paced by a send rate that
 * lateness was a third of the rate. The same NOTIFY, sent by a timer of this process when the
 * job falls due, wakes a worker on time. Best effort: the poll still finds the job if this
 * process is gone, and the timer never keeps the process alive.
 */
export function nudgeWorkersAt(at: Date): void {
  const delay = at.getTime() - Date.now() + NUDGE_MARGIN_MS;
  if (delay > NUDGE_HORIZON_MS) return;
  const timer = setTimeout(() => {
    getDb()
      .execute(sql`SELECT pg_notify('jobs:insert', '{"count":1}')`)
      .catch((error: unknown) => log.warn({ err: error }, "could not nudge the workers; their poll will find the job"));
  }, Math.max(delay, 0));
  timer.unref();
}
