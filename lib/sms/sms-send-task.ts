import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { enqueue } from "@/lib/jobs/enqueue";
import { drainSmsOutbox } from "./sms-outbox";

/** The name the messages trigger (sms-outbox migration) queues on every outbound text. */
export const SMS_SEND_TASK = "sms-send";

async function scheduleWakeup(db: DbOrTx, at: Date): Promise<void> {
  const second = Math.ceil(at.getTime() / 1000);
  await enqueue(db, smsSendTask, {}, { runAt: new Date(second * 1000), jobKey: `${SMS_SEND_TASK}:${second}`, maxAttempts: 3 });
}

export const smsSendTask = defineTask(SMS_SEND_TASK, z.object({}), async () => {
  await drainSmsOutbox({ scheduleWakeup });
});
