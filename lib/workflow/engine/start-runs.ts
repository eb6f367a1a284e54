import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { jsonbParam } from "@/lib/db/sql-params";
import { enqueue } from "@/lib/jobs/enqueue";
import { advanceRunsJob, RUN_BATCH_SIZE } from "./job-specs";
import type { RunContext } from "./run-context";

export type RunEntry = { contactId: string; triggerKey: string; context: RunContext };

/**
 * Enters contacts into a workflow version at its trigger and queues the job that advances them,
 * in the caller's transaction. The unique (workflow, contact, trigger key) makes a re-fired
 * trigger a no-op; contacts outside the workspace are silently not entered. Returns new run ids.
 */
export async function startRuns(
  db: DbOrTx,
  target: { workspaceId: string; workflowId: string; versionId: string; triggerNodeId: string; isTest?: boolean },
  entries: readonly RunEntry[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  // Raw SQL on purpose: every entry in one statement from one jsonb parameter, joined to the
  // workspace's contacts (others are not entered), a re-fired trigger absorbed by ON CONFLICT.
  const inserted = await db.execute<{ id: string }>(sql`
    INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key, status, current_node_id, is_test, context)
    SELECT c.workspace_id, ${target.workflowId}::uuid, ${target.versionId}::uuid, c.id, e.trigger_key, 'running', ${target.triggerNodeId}::text,
      ${target.isTest ?? false}::boolean, e.context
    FROM jsonb_to_recordset(${jsonbParam(entries.map((entry) => ({ contact_id: entry.contactId, trigger_key: entry.triggerKey, context: entry.context })))})
      AS e(contact_id uuid, trigger_key text, context jsonb)
    JOIN contacts c ON c.id = e.contact_id AND c.workspace_id = ${target.workspaceId}
    ON CONFLICT (workflow_id, contact_id, trigger_key) DO NOTHING
    RETURNING id`);
  const runIds = inserted.rows.map((row) => row.id);
  for (let i = 0; i < runIds.length; i += RUN_BATCH_SIZE) {
    await enqueue(db, advanceRunsJob, { runIds: runIds.slice(i, i + RUN_BATCH_SIZE) });
  }
  return runIds;
}
