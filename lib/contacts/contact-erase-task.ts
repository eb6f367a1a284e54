import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema/workspaces";
import { defineTask } from "@/lib/jobs/define-task";
import { runService } from "@/lib/services/run-service";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { contactEraseJob } from "./contact-erase-job";
import { eraseNextBatch } from "./contact-erasure";

/**
 * Erases a large selection's contacts a batch per transaction until none is left. A crash (or a
 * failed batch) leaves the rest marked; graphile-worker's retry carries on where this run stopped.
 * A workspace being deleted is left to the workspace-delete job.
 */
export const contactEraseTask = defineTask(contactEraseJob.name, contactEraseJob.schema, async ({ workspaceId, erasureId }, helpers) => {
  const [workspace] = await getDb()
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(workspaces)
    .where(and(eq(workspaces.id, workspaceId), workspaceIsLive()));
  if (!workspace) return;
  const scope = { workspace: { id: workspace.id, plan: workspace.plan }, actor: { type: "system" as const } };
  let batches = 0;
  while (await runService(scope, eraseNextBatch, { erasureId })) batches += 1;
  helpers.logger.info(`contact erasure ${erasureId}: ${batches} batches`);
});
