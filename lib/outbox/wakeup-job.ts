import type { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { enqueue, type TaskRef } from "@/lib/jobs/enqueue";
import type { ScheduleWakeup } from "./delivery-outbox";

/**
 * Schedules a drain task to run at a time. Wakeups are keyed by the second they fire in: many
 * rows due in the same second share one job, and a wakeup never displaces one set for another time.
 */
export function wakeupJob(task: TaskRef<z.ZodObject<Record<string, never>>>): ScheduleWakeup {
  return async (db: DbOrTx, at: Date) => {
    const second = Math.ceil(at.getTime() / 1000);
    await enqueue(db, task, {}, { runAt: new Date(second * 1000), jobKey: `${task.name}:${second}`, maxAttempts: 3 });
  };
}
