import { getDb } from "../../db/client";
import { queueDueAudienceEvaluations } from "../../workflow/engine/audience-evaluation";
import { audienceScheduleJob } from "../../workflow/engine/job-specs";
import { defineTask } from "../define-task";

export const workflowAudienceScheduleTask = defineTask(audienceScheduleJob.name, audienceScheduleJob.schema, async () => {
  await getDb().transaction((tx) => queueDueAudienceEvaluations(tx));
});
