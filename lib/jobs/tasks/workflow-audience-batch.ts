import { getDb } from "@/lib/db/client";
import { runAudienceBatch } from "@/lib/workflow/engine/audience-evaluation";
import { audienceBatchJob } from "@/lib/workflow/engine/job-specs";
import { defineTask } from "@/lib/jobs/define-task";

// A retried job (attempts > 1: a conflict, a crash) reads which contacts entered meanwhile.
export const workflowAudienceBatchTask = defineTask(audienceBatchJob.name, audienceBatchJob.schema, async (payload, helpers) => {
  await getDb().transaction((tx) => runAudienceBatch(tx, payload, { firstAttempt: helpers.job.attempts <= 1 }));
});
