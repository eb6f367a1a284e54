import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/**
 * Mails an agent about a conversation assigned to them that waits for an answer, at the time
 * their preferences say (handler: ./unanswered-mail-task.ts). What it checks when it runs is
 * the conversation as it is then, so a job made stale by an answer, a close, a snooze or a
 * reassignment sends nothing.
 */
export const unansweredMailJob = {
  name: "notification:unanswered-mail",
  schema: z.object({ conversationId: uuidSchema, userId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;

/** One pending job per conversation: a later contact message replaces it (same window, same due time) instead of adding one. */
export const UNANSWERED_MAIL_KEY_PREFIX = "unanswered-mail:";
export const unansweredMailJobKey = (conversationId: string) => `${UNANSWERED_MAIL_KEY_PREFIX}${conversationId}`;
