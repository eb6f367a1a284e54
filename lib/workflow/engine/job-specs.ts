import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/**
 * Names and payloads of the engine's jobs, apart from their handlers (lib/jobs/tasks/), so that
 * code which only queues a job (a reply opening a conversation) does not import the engine.
 */
export const RUN_BATCH_SIZE = 1_000;

const runIds = z.array(uuidSchema).min(1).max(RUN_BATCH_SIZE);

/** Moves runs that are `running` forward until each waits, completes or fails. */
export const advanceRunsJob = {
  name: "workflow:advance-runs",
  schema: z.object({ runIds }),
} satisfies TaskRef<z.ZodType>;

/** Ends the waits (Wait, Branch timeout) of these runs whose deadline has passed. */
export const waitDeadlineJob = {
  name: "workflow:wait-deadline",
  schema: z.object({ runIds }),
} satisfies TaskRef<z.ZodType>;

/** Looks for contacts matching an Audience Matched trigger and queues one batch job per slice. */
export const evaluateAudienceJob = {
  name: "workflow:evaluate-audience",
  schema: z.object({ workflowId: uuidSchema, versionId: uuidSchema, evaluationId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;

/** Enters the matching contacts with ids in (afterId, upToId] and runs them as one batch. */
export const audienceBatchJob = {
  name: "workflow:audience-batch",
  schema: z.object({
    workflowId: uuidSchema,
    versionId: uuidSchema,
    evaluationId: uuidSchema,
    afterId: uuidSchema.nullable(),
    upToId: uuidSchema,
  }),
} satisfies TaskRef<z.ZodType>;

/** The cron tick that queues evaluations of live Audience Matched workflows that are due. */
export const audienceScheduleJob = {
  name: "workflow:audience-schedule",
  schema: z.object({}).passthrough(),
} satisfies TaskRef<z.ZodType>;

/** Fan-out batches yield to single-run jobs (replies, timeouts) so a reply is never queued behind 100k contacts. */
export const BULK_JOB_PRIORITY = 10;
