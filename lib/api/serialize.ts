import type { ExternalAttachment } from "@/lib/attachments/external-attachments";
import type { ContactConsent } from "@/lib/consent/contact-consent";
import type { Contact } from "@/lib/db/schema/contacts";
import type { Conversation, Message } from "@/lib/db/schema/conversations";

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** A message with its files' signed, expiring URLs (lib/attachments/external-attachments.ts). */
export function serializeMessage(message: Message, attachments: readonly ExternalAttachment[] = []) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    kind: message.kind,
    authorType: message.authorType,
    authorName: message.authorName,
    text: message.text,
    html: message.html,
    attachments,
    createdAt: message.createdAt.toISOString(),
  };
}

export function serializeConversation(conversation: Conversation, messages?: Message[], attachments: Readonly<Record<string, ExternalAttachment[]>> = {}) {
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    channelId: conversation.channelId,
    origin: conversation.origin,
    state: conversation.state,
    direction: conversation.direction,
    openMode: conversation.openMode,
    priority: conversation.priority,
    assigneeUserId: conversation.assigneeUserId,
    assigneeTeamId: conversation.assigneeTeamId,
    customerDestination: conversation.customerDestination,
    customerIdentifier: conversation.customerIdentifier,
    externalRef: conversation.externalRef,
    thirdParty: conversation.thirdParty,
    openedAt: iso(conversation.openedAt),
    closedAt: iso(conversation.closedAt),
    createdAt: conversation.createdAt.toISOString(),
    ...(messages ? { messages: messages.map((message) => serializeMessage(message, attachments[message.id])) } : {}),
  };
}

export function serializeContact(contact: Contact, consent: ContactConsent) {
  return {
    id: contact.id,
    externalId: contact.externalId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    phone: contact.phone,
    company: contact.company,
    attributes: contact.attributes,
    tags: contact.tags,
    consent: { chat: consent.chat.status, sms: consent.sms.status, email: consent.email.status },
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
