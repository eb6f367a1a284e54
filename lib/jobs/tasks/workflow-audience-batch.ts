import { getDb } from "../../db/client";
import { runAudienceBatch } from "../../workflow/engine/audience-evaluation";
import { audienceBatchJob } from "../../workflow/engine/job-specs";
import { defineTask } from "../define-task";

export const workflowAudienceBatchTask = defineTask(audienceBatchJob.name, audienceBatchJob.schema, async (payload) => {
  await getDb().transaction((tx) => runAudienceBatch(tx, payload));
});
