import { getDb } from "../../db/client";
import { advanceRuns } from "../../workflow/engine/advance-runs";
import { advanceRunsJob } from "../../workflow/engine/job-specs";
import { defineTask } from "../define-task";

export const workflowAdvanceRunsTask = defineTask(advanceRunsJob.name, advanceRunsJob.schema, async ({ runIds }) => {
  await getDb().transaction((tx) => advanceRuns(tx, runIds));
});
