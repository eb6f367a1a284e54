import { z } from "zod";
import { attachmentIdsSchema } from "@/lib/attachments/attachments.validation";
import { uuidSchema } from "@/lib/validation/uuid";

/** What a contact wrote in on a channel; the workspace is the service context's. */
export const recordContactMessageSchema = z.object({
  channelId: uuidSchema,
  contactId: uuidSchema,
  text: z.string().trim().min(1, "Write a message.").max(20_000),
  /** The chat session it was written in; a campaign pinned to another session is not its answer. */
  sessionId: uuidSchema.nullish(),
  /**
   * The conversation the message answers when the channel knows it (an email's reply address or
   * thread headers): used while it is this contact's on this channel and not closed.
   */
  conversationId: uuidSchema.nullish(),
  /**
   * The channel names the conversation itself (email): a message it cannot match to one starts a
   * new conversation instead of landing in the contact's campaign or ongoing one, since its
   * sender (an email's From) is only a claim.
   */
  newUnlessMatched: z.boolean().optional(),
  /** A provider's message id (SMS) or a client nonce: a resent message lands once. */
  dedupeKey: z.string().min(1).max(200).nullish(),
  /** A chat page's message: counted against the contact's send limit (lib/chat/message-rate-limit.ts). */
  countsChatSend: z.boolean().optional(),
  /** Files the contact uploaded for this message (lib/attachments). */
  attachmentIds: attachmentIdsSchema.optional(),
});

export type RecordContactMessageInput = z.infer<typeof recordContactMessageSchema>;
