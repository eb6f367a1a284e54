import { z } from "zod";
import { richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { uuidSchema } from "@/lib/validation/uuid";

export const previewMessageSchema = z.object({
  message: richTextDocumentSchema,
  /** The contact the builder chose to preview with; without one, the contact who fills most of the message's variables. */
  contactId: uuidSchema.nullish(),
  senderUserId: uuidSchema.nullish(),
});

/** Contacts to pick from for a preview or a test run: by name, email or phone. */
export const searchPreviewContactsSchema = z.object({ query: z.string().trim().max(100).default("") });

export type PreviewMessageInput = z.infer<typeof previewMessageSchema>;
export type SearchPreviewContactsInput = z.infer<typeof searchPreviewContactsSchema>;
