import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { uuidArray } from "../../db/sql-params";
import { enqueue } from "../../jobs/enqueue";
import { advanceRuns, type AdvanceSummary } from "./advance-runs";
import { WAIT_TIMER } from "./conversation-started";
import { waitDeadlineJob } from "./job-specs";

/**
 * A wait's deadline job: runs still waiting whose deadline has passed leave by Not started (Branch)
 * or Next (Wait). Guarded on status = 'waiting', so a reply that got there first wins and this
 * does nothing for that run. Being a job in Postgres, a deadline survives worker restarts.
 */
export async function endExpiredWaits(tx: Tx, runIds: readonly string[]): Promise<AdvanceSummary> {
  const expired = await tx.execute<{ id: string }>(sql`
    UPDATE workflow_runs SET status = 'running',
      resume_outcome = CASE wait_for WHEN ${WAIT_TIMER} THEN 'out' ELSE 'not_started' END,
      wait_for = NULL, wait_conversation_id = NULL, wait_until = NULL, updated_at = now()
    WHERE id = ANY(${uuidArray(runIds)}) AND status = 'waiting' AND wait_until <= now()
    RETURNING id`);
  // Runs whose deadline is still ahead (a clock edge) get a job of their own at that deadline.
  const early = await tx.execute<{ wait_until: Date; ids: string[] }>(sql`
    SELECT wait_until, array_agg(id::text) AS ids FROM workflow_runs
    WHERE id = ANY(${uuidArray(runIds)}) AND status = 'waiting' AND wait_until > now()
    GROUP BY wait_until`);
  for (const row of early.rows) await enqueue(tx, waitDeadlineJob, { runIds: row.ids }, { runAt: new Date(row.wait_until) });
  return advanceRuns(tx, expired.rows.map((row) => row.id));
}
