import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import type { TaskDefinition } from "./define-task";

/** What enqueueing needs of a task: code that only queues a job need not import its handler. */
export type TaskRef<S extends z.ZodType> = Pick<TaskDefinition<S>, "name" | "schema">;

type EnqueueOptions = { runAt?: Date; jobKey?: string; maxAttempts?: number; priority?: number; queueName?: string };

/**
 * Queues a job in the caller's transaction, so the job exists if and only if the change that
 * needs it commits. The payload is checked against the task's schema before it is stored.
 */
export async function enqueue<S extends z.ZodType>(
  db: DbOrTx,
  task: TaskRef<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<void> {
  const checked = task.schema.parse(payload);
  await db.execute(sql`SELECT graphile_worker.add_job(
    identifier => ${task.name},
    payload => ${JSON.stringify(checked)}::json,
    queue_name => ${options.queueName ?? null},
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null},
    priority => ${options.priority ?? null}::int
  )`);
}

/** Queues many jobs of one task in a single statement. */
export async function enqueueMany<S extends z.ZodType>(
  db: DbOrTx,
  task: TaskRef<S>,
  payloads: z.input<S>[],
  options: Pick<EnqueueOptions, "runAt" | "maxAttempts" | "priority"> = {},
): Promise<void> {
  if (payloads.length === 0) return;
  const specs = payloads.map((p) => ({
    identifier: task.name,
    payload: task.schema.parse(p),
    run_at: options.runAt?.toISOString(),
    max_attempts: options.maxAttempts,
    priority: options.priority,
  }));
  await db.execute(
    sql`SELECT graphile_worker.add_jobs(ARRAY(SELECT json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json)))`,
  );
}
