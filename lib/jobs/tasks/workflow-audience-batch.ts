import { getDb } from "@/lib/db/client";
import { runAudienceBatch } from "@/lib/workflow/engine/audience-evaluation";
import { audienceBatchJob } from "@/lib/workflow/engine/job-specs";
import { defineTask } from "@/lib/jobs/define-task";

export const workflowAudienceBatchTask = defineTask(audienceBatchJob.name, audienceBatchJob.schema, async (payload) => {
  await getDb().transaction((tx) => runAudienceBatch(tx, payload));
});
