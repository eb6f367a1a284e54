import { getDb } from "../../db/client";
import { evaluateAudience } from "../../workflow/engine/audience-evaluation";
import { evaluateAudienceJob } from "../../workflow/engine/job-specs";
import { defineTask } from "../define-task";

export const workflowEvaluateAudienceTask = defineTask(evaluateAudienceJob.name, evaluateAudienceJob.schema, async (payload) => {
  await getDb().transaction((tx) => evaluateAudience(tx, payload));
});
