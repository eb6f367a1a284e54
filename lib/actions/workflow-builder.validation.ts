import { z } from "zod";
import { richTextDocumentSchema } from "../rich-text/document-schema";

export const previewMessageSchema = z.object({
  workspaceId: z.uuid(),
  message: richTextDocumentSchema,
  /** The contact to preview for; without one, the workspace's most recently updated contact. */
  contactId: z.uuid().nullish(),
  senderUserId: z.uuid().nullish(),
});
export type PreviewMessageInput = z.input<typeof previewMessageSchema>;

export const searchContactsSchema = z.object({
  workspaceId: z.uuid(),
  query: z.string().trim().max(100).default(""),
});
export type SearchContactsInput = z.input<typeof searchContactsSchema>;
