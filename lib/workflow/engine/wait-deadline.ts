import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { uuidArray } from "@/lib/db/sql-params";
import { enqueue } from "@/lib/jobs/enqueue";
import { advanceRuns, type AdvanceSummary } from "./advance-runs";
import { WAIT_ENDS, WAIT_FOR } from "./executor-types";
import { waitDeadlineJob } from "./job-specs";

/**
 * A wait's deadline job: runs still waiting whose deadline has passed end their wait by timeout
 * (their node's waitEnds says by which output: Branch's Not started, Wait's Next). Guarded on status = 'waiting', so a reply that got there first wins and this
 * does nothing for that run. A run that waited for its step's send window to open has no way to
 * leave: it runs its node again (no resume outcome), which now finds the window open. Being a job in Postgres, a deadline survives worker restarts.
 */
export async function endExpiredWaits(tx: Tx, runIds: readonly string[]): Promise<AdvanceSummary> {
  // Raw SQL on purpose: one guarded, set-based UPDATE is what settles a race with a reply.
  const expired = await tx.execute<{ id: string }>(sql`
    UPDATE workflow_runs SET status = 'running',
      resume_outcome = CASE WHEN wait_for = ${WAIT_FOR.sendWindow} THEN NULL ELSE ${WAIT_ENDS.timeout} END,
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
