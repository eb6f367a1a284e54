import { getDb } from "../../db/client";
import { waitDeadlineJob } from "../../workflow/engine/job-specs";
import { endExpiredWaits } from "../../workflow/engine/wait-deadline";
import { defineTask } from "../define-task";

export const workflowWaitDeadlineTask = defineTask(waitDeadlineJob.name, waitDeadlineJob.schema, async ({ runIds }) => {
  await getDb().transaction((tx) => endExpiredWaits(tx, runIds));
});
