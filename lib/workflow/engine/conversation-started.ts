import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { uuidArray } from "@/lib/db/sql-params";
import { enqueue } from "@/lib/jobs/enqueue";
import { WAIT_ENDS, WAIT_FOR } from "./executor-types";
import { advanceRunsJob, RUN_BATCH_SIZE } from "./job-specs";

/**
 * The "Conversation started" event: runs waiting on these conversations end their wait that way
 * (their node's waitEnds says by which output: Branch's Started). The guarded UPDATE
 * (status = 'waiting') makes a reply and a timeout that race resolve to exactly one outcome. The job is queued in the caller's transaction, and graphile-worker's
 * NOTIFY on add_job wakes an idle worker at once, so the next step follows the reply promptly.
 */
export async function resumeRunsOnConversationStarted(db: DbOrTx, conversationIds: readonly string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  // Raw SQL on purpose: one guarded, set-based UPDATE is what settles a race with the deadline.
  const resumed = await db.execute<{ id: string }>(sql`
    UPDATE workflow_runs SET status = 'running', resume_outcome = ${WAIT_ENDS.conversationStarted}, wait_for = NULL,
      wait_conversation_id = NULL, wait_until = NULL, updated_at = now()
    WHERE wait_conversation_id = ANY(${uuidArray(conversationIds)}) AND status = 'waiting'
      AND wait_for = ${WAIT_FOR.conversationStarted}
    RETURNING id`);
  const runIds = resumed.rows.map((row) => row.id);
  for (let i = 0; i < runIds.length; i += RUN_BATCH_SIZE) {
    await enqueue(db, advanceRunsJob, { runIds: runIds.slice(i, i + RUN_BATCH_SIZE) });
  }
  return runIds;
}
