import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** The page of a thread before one of its messages (what scrolling up loads). */
export const olderThreadMessagesSchema = z.object({ conversationId: uuidSchema, before: uuidSchema });

export type OlderThreadMessagesInput = z.infer<typeof olderThreadMessagesSchema>;
