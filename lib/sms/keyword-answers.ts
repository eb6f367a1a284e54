import { smsKeywordMessages } from "@/lib/db/schema/consent";
import { writeConsentChoice } from "@/lib/consent/contact-consent";
import type { ServiceContext } from "@/lib/services/service-context";
import { defaultSmsHelpText, smsStartConfirmation, smsStopConfirmation, type SmsKeyword } from "./keywords";

export type KeywordAnswer = { keyword: SmsKeyword; answer: string | null };

/**
 * A carrier keyword from a contact's phone: STOP unsubscribes them from SMS, START subscribes them
 * again, HELP changes nothing; each is answered with one text (the confirmation, or the channel's
 * help text). The text is recorded in sms_keyword_messages, not in a conversation: it is an
 * instruction to the sender, not something to answer, and as a message it would open the
 * contact's campaign, take a Branch by Started and count as a reply. A redelivered webhook (same
 * provider id) changes nothing again and gets no second answer (answer null).
 */
export async function answerSmsKeyword(
  ctx: ServiceContext,
  input: { channel: { id: string; name: string; helpText: string }; contactId: string; phone: string; keyword: SmsKeyword; text: string; providerMessageId: string },
): Promise<KeywordAnswer> {
  const { channel, keyword } = input;
  const answer = keyword === "stop" ? smsStopConfirmation(channel.name) : keyword === "start" ? smsStartConfirmation(channel.name) : channel.helpText || defaultSmsHelpText(channel.name);
  const [recorded] = await ctx.tx
    .insert(smsKeywordMessages)
    .values({
      workspaceId: ctx.workspace.id,
      channelId: channel.id,
      contactId: input.contactId,
      phone: input.phone,
      keyword,
      body: input.text,
      providerMessageId: input.providerMessageId,
      reply: answer,
    })
    .onConflictDoNothing()
    .returning({ id: smsKeywordMessages.id });
  if (!recorded) return { keyword, answer: null };
  if (keyword !== "help") {
    const word = input.text.trim().toUpperCase().replace(/[^A-Z]/g, "");
    await writeConsentChoice(ctx.tx, {
      workspaceId: ctx.workspace.id,
      contactId: input.contactId,
      kind: "sms",
      status: keyword === "stop" ? "unsubscribed" : "subscribed",
      source: `sms:${word}`,
    });
  }
  return { keyword, answer };
}
