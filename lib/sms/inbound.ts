import { and, eq } from "drizzle-orm";
import { channels } from "@/lib/db/schema/channels";
import { contactByIdentifier } from "@/lib/contacts/contact-by-identifier";
import { recordContactMessage, type RecordedContactMessage } from "@/lib/conversations/record-contact-message";
import { recordContactMessageSchema } from "@/lib/conversations/record-contact-message.validation";
import { notFound, SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { toE164 } from "./phone";

export type InboundSmsInput = { channelId: string; from: string; text: string; providerMessageId: string };

/**
 * A text from a phone on an SMS channel of the context's workspace (the provider's webhook, or
 * the sandbox's "reply as this phone"). It goes through the conversation state machine exactly
 * like a chat reply: it opens the contact's campaign on this channel, or lands in their open
 * conversation, or starts an inbound one. The provider's message id makes a redelivered webhook
 * land once.
 */
export async function receiveInboundSms(ctx: ServiceContext, input: InboundSmsInput): Promise<RecordedContactMessage> {
  const [channel] = await ctx.tx
    .select({ kind: channels.kind })
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id)));
  if (!channel) throw notFound("That channel");
  if (channel.kind !== "sms") throw new SafeError("not_found", "That is not an SMS channel.");
  const phone = toE164(input.from);
  if (!phone) throw new SafeError("invalid_phone", `“${input.from}” is not a phone number in international format.`);
  const text = input.text.trim() === "" ? "(empty message)" : input.text;
  const { contactId } = await contactByIdentifier(ctx, { phone });
  return recordContactMessage(
    ctx,
    recordContactMessageSchema.parse({ channelId: input.channelId, contactId, text, dedupeKey: `sms:${input.providerMessageId}` }),
  );
}
