import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { enqueue } from "@/lib/jobs/enqueue";
import { drainOutbox } from "./outbox-drain";

export const WEBHOOKS_DRAIN_TASK = "webhooks-drain";

/**
 * Wakeups are keyed by the second they fire in: many retries due in the same second share one
 * job, and a wakeup never displaces another one set for a different time.
 */
async function scheduleWakeup(db: DbOrTx, at: Date): Promise<void> {
  const second = Math.ceil(at.getTime() / 1000);
  await enqueue(db, webhooksDrainTask, {}, { runAt: new Date(second * 1000), jobKey: `${WEBHOOKS_DRAIN_TASK}:${second}`, maxAttempts: 3 });
}

/** Runs on a kick (outbox rows written), on a scheduled wakeup (a retry is due), and every minute. */
export const webhooksDrainTask = defineTask(WEBHOOKS_DRAIN_TASK, z.object({}), async () => {
  await drainOutbox({ scheduleWakeup });
});

/**
 * Call in the transaction that writes outbox rows: the drain job commits with them, so a
 * delivery starts within about a second and never before its row is visible. Kicks coalesce
 * into one queued job while none has started.
 */
export async function kickWebhookDrain(db: DbOrTx): Promise<void> {
  await enqueue(db, webhooksDrainTask, {}, { jobKey: `${WEBHOOKS_DRAIN_TASK}:kick`, maxAttempts: 3 });
}
