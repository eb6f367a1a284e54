import { getDb } from "@/lib/db/client";
import { queueDueAudienceEvaluations } from "@/lib/workflow/engine/audience-evaluation";
import { audienceScheduleJob } from "@/lib/workflow/engine/job-specs";
import { defineTask } from "@/lib/jobs/define-task";

export const workflowAudienceScheduleTask = defineTask(audienceScheduleJob.name, audienceScheduleJob.schema, async () => {
  await getDb().transaction((tx) => queueDueAudienceEvaluations(tx));
});
