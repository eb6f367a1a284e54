import type { DbOrTx } from "@/lib/db/client";
import { notifyLiveEvents } from "@/lib/live/notify-live";

export const RUNS_MOVED_EVENT = "workflow.runs_moved";

/**
 * Tells open editors that runs of these workflows moved (entered, advanced, waited, finished), so
 * their step counts are read again. One statement per batch, one event per workflow in it; in the
 * batch's transaction, so nothing is announced that rolls back.
 */
export async function notifyRunsMoved(db: DbOrTx, runs: readonly { workspaceId: string; workflowId: string }[]): Promise<void> {
  const workflows = new Map<string, string>();
  for (const run of runs) workflows.set(run.workflowId, run.workspaceId);
  await notifyLiveEvents(
    db,
    [...workflows].map(([workflowId, workspaceId]) => ({ workspaceId, workflowId, type: RUNS_MOVED_EVENT })),
  );
}
