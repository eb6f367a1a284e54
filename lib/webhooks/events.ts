import { z } from "zod";

/**
 * What an integration can subscribe to; the conversation state machine writes the conversation
 * events to the outbox, an erasure writes contact.deleted (lib/contacts/contact-outbox.ts).
 */
export const WEBHOOK_EVENTS = ["conversation.created", "message.created", "conversation.opened", "conversation.closed", "contact.deleted"] as const;
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "conversation.created": "Conversation created",
  "message.created": "Message created",
  "conversation.opened": "Conversation opened",
  "conversation.closed": "Conversation closed",
  "contact.deleted": "Contact erased",
};
