import { getDb } from "@/lib/db/client";
import { waitDeadlineJob } from "@/lib/workflow/engine/job-specs";
import { endExpiredWaits } from "@/lib/workflow/engine/wait-deadline";
import { defineTask } from "@/lib/jobs/define-task";

export const workflowWaitDeadlineTask = defineTask(waitDeadlineJob.name, waitDeadlineJob.schema, async ({ runIds }) => {
  await getDb().transaction((tx) => endExpiredWaits(tx, runIds));
});
