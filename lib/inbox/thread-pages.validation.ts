import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** The page of a thread before one of its messages (what scrolling up loads). */
export const olderThreadMessagesSchema = z.object({ conversationId: uuidSchema, before: uuidSchema });

export type OlderThreadMessagesInput = z.infer<typeof olderThreadMessagesSchema>;

/** The agent was shown the thread down to this message (at its end). */
export const markConversationReadSchema = z.object({ conversationId: uuidSchema, upTo: uuidSchema });

export type MarkConversationReadInput = z.infer<typeof markConversationReadSchema>;
