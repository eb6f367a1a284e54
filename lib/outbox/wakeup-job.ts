import type { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { enqueue, type TaskRef } from "@/lib/jobs/enqueue";
import { nudgeWorkersAt } from "@/lib/jobs/nudge-workers";
import type { ScheduleWakeup } from "./delivery-outbox";

// Wakeups are keyed by the tenth of a second they fire in: many rows due in the same tenth share
// one job, a wakeup never displaces one set for another time, and a drain paced by a send rate
// resumes within a tenth of a second of when its channel may send again (not at the next whole second).
const SLOT_MS = 100;

/** Schedules a drain task to run at a time (rounded up to its tenth of a second). */
export function wakeupJob(task: TaskRef<z.ZodObject<Record<string, never>>>): ScheduleWakeup {
  return async (db: DbOrTx, at: Date) => {
    const slot = Math.ceil(at.getTime() / SLOT_MS);
    const runAt = new Date(slot * SLOT_MS);
    await enqueue(db, task, {}, { runAt, jobKey: `${task.name}:${slot}`, maxAttempts: 3 });
    nudgeWorkersAt(runAt);
  };
}
