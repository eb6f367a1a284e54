import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** What a run carries between steps; stored as workflow_runs.context. */
export const runContextSchema = z
  .object({
    /** The chat session that fired Session Started: {{session.id}}. */
    sessionId: uuidSchema.optional(),
    /** The conversation the latest Start a Conversation step started: what later steps act on. */
    conversationId: uuidSchema.optional(),
    /**
     * Why the latest Start a Conversation step sent nothing (the contact unsubscribed, the address
     * bounces): later steps see that no conversation was started (the Branch leaves by Not started).
     */
    startSkipped: z.string().optional(),
  })
  .catch({});
export type RunContext = z.infer<typeof runContextSchema>;
