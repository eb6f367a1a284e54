import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** The Postgres channel the conversation state machine and the workflow engine NOTIFY inside their transactions. */
export const LIVE_CHANNEL = "parley_events";

/**
 * What a contact's message event written with the message carries for the conversation's assignee
 * (lib/conversations/record-contact-message.ts): all their notification reads, so the assignee's
 * inbox stream builds it without a query (lib/notifications/live-notification.ts). The contact's
 * names as the message found them, its preview, and the assignee's own notification preferences.
 */
export const assigneeNoticeSchema = z.object({
  messageId: uuidSchema,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preview: z.string(),
  contactMessage: z.boolean(),
  desktop: z.boolean(),
});

export const liveEventSchema = z.object({
  /** The live_events row (lib/live/notify-live.ts): the SSE id a reconnect resumes from. Absent on ephemeral events. */
  id: z.number().int().positive().nullish(),
  workspaceId: uuidSchema,
  conversationId: uuidSchema.nullish(),
  /** Set on workflow events (runs of that workflow moved); the editor's step counts follow them. */
  workflowId: uuidSchema.nullish(),
  /** The conversation's contact: a contact's chat stream passes on only the events that name them. */
  contactId: uuidSchema.nullish(),
  /**
   * Conversation events: the person the conversation was assigned to when the event was written
   * (absent when it was unassigned). An inbox stream asks whether a contact's message concerns its
   * agent only when it names them (lib/notifications/live-notification.ts).
   */
  assigneeUserId: uuidSchema.nullish(),
  /** message.created written with a contact's message to an assigned conversation: see assigneeNoticeSchema. */
  assigneeNotice: assigneeNoticeSchema.nullish(),
  /** Set on membership events (member.removed): the person concerned, whose own streams re-check their access at once. */
  userId: uuidSchema.nullish(),
  /** The person whose action it was (conversation events), so their own notifications skip it. */
  actorUserId: uuidSchema.nullish(),
  type: z.string().min(1).max(64),
  /** Ephemeral presence events (lib/live/presence.ts): who is typing, as the other side reads it. */
  name: z.string().max(200).nullish(),
  /** seen.contact: the latest message the contact's chat page has shown. */
  messageId: uuidSchema.nullish(),
});

export type LiveEvent = z.infer<typeof liveEventSchema>;

/**
 * What a subscriber receives: an event, or "resync" after the LISTEN connection was lost and
 * re-established (NOTIFYs sent meanwhile are gone, so listeners must reload what they show).
 */
export type LiveSignal = { kind: "event"; event: LiveEvent } | { kind: "resync" };
