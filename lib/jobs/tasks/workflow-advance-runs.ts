import { getDb } from "@/lib/db/client";
import { advanceRuns } from "@/lib/workflow/engine/advance-runs";
import { advanceRunsJob } from "@/lib/workflow/engine/job-specs";
import { defineTask } from "@/lib/jobs/define-task";

export const workflowAdvanceRunsTask = defineTask(advanceRunsJob.name, advanceRunsJob.schema, async ({ runIds }) => {
  await getDb().transaction((tx) => advanceRuns(tx, runIds));
});
