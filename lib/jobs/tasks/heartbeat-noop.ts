import { z } from "zod";
import { defineTask } from "@/lib/jobs/define-task";

/** Lets health checks and tests prove a job goes through the queue end to end. */
export const heartbeatNoopTask = defineTask("heartbeat-noop", z.object({ note: z.string().max(200).optional() }), async () => {});
