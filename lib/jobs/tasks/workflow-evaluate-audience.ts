import { getDb } from "@/lib/db/client";
import { evaluateAudience } from "@/lib/workflow/engine/audience-evaluation";
import { evaluateAudienceJob } from "@/lib/workflow/engine/job-specs";
import { defineTask } from "@/lib/jobs/define-task";

export const workflowEvaluateAudienceTask = defineTask(evaluateAudienceJob.name, evaluateAudienceJob.schema, async (payload) => {
  await getDb().transaction((tx) => evaluateAudience(tx, payload));
});
