import { z } from "zod";
import { defineTask } from "@/lib/jobs/define-task";
import { wakeupJob } from "@/lib/outbox/wakeup-job";
import { drainSmsOutbox } from "./sms-outbox";

/** The name the messages trigger (sms-outbox migration) queues on every outbound text. */
export const SMS_SEND_TASK = "sms-send";

export const smsSendTask = defineTask(SMS_SEND_TASK, z.object({}), async () => {
  await drainSmsOutbox({ scheduleWakeup: wakeupJob(smsSendTask) });
});
