import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { enqueue } from "@/lib/jobs/enqueue";
import { drainEmailOutbox } from "./email-outbox";

/** The name the messages trigger (email-outbox-trigger migration) queues on every outbound email. */
export const EMAIL_SEND_TASK = "email-send";

async function scheduleWakeup(db: DbOrTx, at: Date): Promise<void> {
  const second = Math.ceil(at.getTime() / 1000);
  await enqueue(db, emailSendTask, {}, { runAt: new Date(second * 1000), jobKey: `${EMAIL_SEND_TASK}:${second}`, maxAttempts: 3 });
}

export const emailSendTask = defineTask(EMAIL_SEND_TASK, z.object({}), async () => {
  await drainEmailOutbox({ scheduleWakeup });
});
