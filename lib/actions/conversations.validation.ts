import { z } from "zod";
import { isDocumentEmpty, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { assigneeSchema } from "@/lib/workflow/assignee";

const conversationId = z.string().uuid();

export const postMessageSchema = z.object({
  conversationId,
  kind: z.enum(["message", "note"]),
  body: richTextDocumentSchema.refine((doc) => !isDocumentEmpty(doc), "Write something first."),
  // Generated once per composed message, so a retried or double-clicked send lands once.
  dedupeKey: z.string().uuid(),
});

export const assignSchema = z.object({ conversationId, assignee: assigneeSchema });

export const prioritySchema = z.object({ conversationId, priority: z.enum(["normal", "high"]) });

export const conversationIdSchema = z.object({ conversationId });

export const snoozeSchema = z.object({
  conversationId,
  until: z.iso.datetime({ offset: true }).refine((value) => new Date(value).getTime() > Date.now(), "Choose a time in the future."),
});

export type PostMessageInput = z.input<typeof postMessageSchema>;
