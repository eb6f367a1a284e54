import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { enqueue } from "@/lib/jobs/enqueue";
import { wakeupJob } from "@/lib/outbox/wakeup-job";
import { drainOutbox } from "./outbox-drain";

export const WEBHOOKS_DRAIN_TASK = "webhooks-drain";

/** Runs on a kick (outbox rows written), on a scheduled wakeup (a retry is due), and every minute. */
export const webhooksDrainTask = defineTask(WEBHOOKS_DRAIN_TASK, z.object({}), async () => {
  await drainOutbox({ scheduleWakeup: wakeupJob(webhooksDrainTask) });
});

/**
 * Call in the transaction that writes outbox rows: the drain job commits with them, so a
 * delivery starts within about a second and never before its row is visible. Kicks coalesce
 * into one queued job while none has started.
 */
export async function kickWebhookDrain(db: DbOrTx): Promise<void> {
  await enqueue(db, webhooksDrainTask, {}, { jobKey: `${WEBHOOKS_DRAIN_TASK}:kick`, maxAttempts: 3 });
}
