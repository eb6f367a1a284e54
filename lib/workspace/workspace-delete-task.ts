import { getDb } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { workspaceDeleteJob } from "./workspace-delete-job";
import { removeDeletedWorkspace } from "./workspace-deletion";

/**
 * Removes a deleted workspace in batches. A crash (or a failed batch) leaves the rest for the
 * retry, which carries on where this run stopped; the workspace row goes last.
 */
export const workspaceDeleteTask = defineTask(workspaceDeleteJob.name, workspaceDeleteJob.schema, async ({ workspaceId }, helpers) => {
  if (await removeDeletedWorkspace(getDb(), workspaceId)) helpers.logger.info(`workspace ${workspaceId} deleted`);
});
