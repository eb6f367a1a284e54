import { and, eq } from "drizzle-orm";
import { channels } from "@/lib/db/schema/channels";
import { contactByIdentifier } from "@/lib/contacts/contact-by-identifier";
import { recordContactMessage, type RecordedContactMessage } from "@/lib/conversations/record-contact-message";
import { recordContactMessageSchema } from "@/lib/conversations/record-contact-message.validation";
import { notFound, SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { readSmsConfig } from "./channel-config";
import { answerSmsKeyword } from "./keyword-answers";
import { smsKeywordOf, type SmsKeyword } from "./keywords";
import { toE164 } from "./phone";

export type InboundSmsInput = { channelId: string; from: string; text: string; providerMessageId: string };

/**
/**
 * What became of a text: a message in a conversation, or a carrier keyword (STOP, START, HELP),
 * which is answered (`answer`: the one text to send back, null on a redelivery) and opens nothing.
 */
export type InboundSmsResult = Partial<RecordedContactMessage> & { keyword: SmsKeyword | null; answer: string | null };

/**
 * A text from a phone on an SMS channel of the context's workspace (the provider's webhook, or
 * the sandbox's "reply as this phone"). It goes through the conversation state machine exactly
 * like a chat reply: it opens the contact's campaign on this channel, or lands in their open
 * conversation, or starts an inbound one. The provider's message id makes a redelivered webhook
 * land once. A carrier keyword is answered instead (lib/sms/keyword-answers.ts).
 */
export async function receiveInboundSms(ctx: ServiceContext, input: InboundSmsInput): Promise<InboundSmsResult> {
  const [channel] = await ctx.tx
    .select({ kind: channels.kind, name: channels.name, config: channels.config })
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id)));
  if (!channel) throw notFound("That channel");
  if (channel.kind !== "sms") throw new SafeError("not_found", "That is not an SMS channel.");
  const phone = toE164(input.from);
  if (!phone) throw new SafeError("invalid_phone", `“${input.from}” is not a phone number in international format.`);
  const text = input.text.trim() === "" ? "(empty message)" : input.text;
  const { contactId } = await contactByIdentifier(ctx, { phone });
  const keyword = smsKeywordOf(input.text);
  if (keyword) {
    const helpText = readSmsConfig(channel.config)?.helpText ?? "";
    return answerSmsKeyword(ctx, { channel: { id: input.channelId, name: channel.name, helpText }, contactId, phone, keyword, text: input.text, providerMessageId: input.providerMessageId });
  }
  const recorded = await recordContactMessage(
    ctx,
    recordContactMessageSchema.parse({ channelId: input.channelId, contactId, text, dedupeKey: `sms:${input.providerMessageId}` }),
  );
  return { ...recorded, keyword: null, answer: null };
}
