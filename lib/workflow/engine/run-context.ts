import { z } from "zod";

/** What a run carries between steps; stored as workflow_runs.context. */
export const runContextSchema = z
  .object({
    /** The chat session that fired Session Started: {{session.id}}. */
    sessionId: z.uuid().optional(),
    /** The conversation the latest Start a Conversation step started: what later steps act on. */
    conversationId: z.uuid().optional(),
  })
  .catch({});
export type RunContext = z.infer<typeof runContextSchema>;
