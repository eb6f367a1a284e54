import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import type { TaskRef } from "@/lib/jobs/enqueue";

/** Wakes a snoozed conversation at its snooze time (handler: lib/jobs/tasks/wake-snoozed-conversation.ts). */
export const wakeSnoozedJob = {
  name: "conversation:wake-snoozed",
  schema: z.object({ conversationId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;
