import { z } from "zod";
import { defineTask } from "@/lib/jobs/define-task";
import { wakeupJob } from "@/lib/outbox/wakeup-job";
import { drainEmailOutbox } from "./email-outbox";

/** The name the messages trigger (email-outbox-trigger migration) queues on every outbound email. */
export const EMAIL_SEND_TASK = "email-send";

export const emailSendTask = defineTask(EMAIL_SEND_TASK, z.object({}), async () => {
  await drainEmailOutbox({ scheduleWakeup: wakeupJob(emailSendTask) });
});
