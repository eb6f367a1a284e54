import { getDb } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { mailPasswordReset } from "./password-reset";
import { passwordResetRequestJob } from "./password-reset-job";

export const passwordResetRequestTask = defineTask(passwordResetRequestJob.name, passwordResetRequestJob.schema, async ({ email }) => {
  await mailPasswordReset(getDb(), email);
});
