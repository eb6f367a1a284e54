import { z } from "zod";
import { attachmentIdsSchema } from "@/lib/attachments/attachments.validation";
import { priorityEnum } from "@/lib/db/schema/enums";
import { isDocumentEmpty, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { uuidSchema } from "@/lib/validation/uuid";
import { assigneeSchema } from "@/lib/workflow/assignee";

// What an agent changes on one conversation (the inbox's actions). The workspace and the agent
// come from the service context, never from here.

const conversationId = uuidSchema;

export const postMessageSchema = z
  .object({
    conversationId,
    kind: z.enum(["message", "note"]),
    body: richTextDocumentSchema,
    // Generated once per composed message, so a retried or double-clicked send lands once.
    dedupeKey: uuidSchema,
    // Files the agent uploaded for this message (lib/attachments); a message may be only files.
    attachmentIds: attachmentIdsSchema.default([]),
  })
  .refine((input) => !isDocumentEmpty(input.body) || input.attachmentIds.length > 0, { message: "Write something first.", path: ["body"] });

export const assignSchema = z.object({ conversationId, assignee: assigneeSchema });

export const prioritySchema = z.object({ conversationId, priority: z.enum(priorityEnum.enumValues) });

export const conversationIdSchema = z.object({ conversationId });

export const snoozeSchema = z.object({
  conversationId,
  until: z.iso
    .datetime({ offset: true })
    .refine((value) => new Date(value).getTime() > Date.now(), "Choose a time in the future.")
    .transform((value) => new Date(value)),
});

export type PostMessageInput = z.infer<typeof postMessageSchema>;
export type AssignInput = z.infer<typeof assignSchema>;
export type PriorityInput = z.infer<typeof prioritySchema>;
export type ConversationIdInput = z.infer<typeof conversationIdSchema>;
export type SnoozeInput = z.infer<typeof snoozeSchema>;
