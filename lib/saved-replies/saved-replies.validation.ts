import { z } from "zod";
import { isDocumentEmpty, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { uuidSchema } from "@/lib/validation/uuid";

export const MAX_SAVED_REPLY_TITLE = 100;

const title = z.string().trim().min(1, "Give the reply a title.").max(MAX_SAVED_REPLY_TITLE, `Keep the title under ${MAX_SAVED_REPLY_TITLE} characters.`);
const body = richTextDocumentSchema.refine((doc) => !isDocumentEmpty(doc), "Write the reply.");

export const createSavedReplySchema = z.object({ title, body, shared: z.boolean() });
export const updateSavedReplySchema = z.object({ savedReplyId: uuidSchema, title, body, shared: z.boolean() });
export const deleteSavedReplySchema = z.object({ savedReplyId: uuidSchema });
/** A saved reply filled in for one conversation's contact, to insert in its composer. */
export const fillSavedReplySchema = z.object({ savedReplyId: uuidSchema, conversationId: uuidSchema });

export type CreateSavedReplyInput = z.infer<typeof createSavedReplySchema>;
export type UpdateSavedReplyInput = z.infer<typeof updateSavedReplySchema>;
export type DeleteSavedReplyInput = z.infer<typeof deleteSavedReplySchema>;
export type FillSavedReplyInput = z.infer<typeof fillSavedReplySchema>;
