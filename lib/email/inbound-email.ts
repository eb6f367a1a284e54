import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { channels } from "@/lib/db/schema/channels";
import { conversations } from "@/lib/db/schema/conversations";
import { emailDeliveries, emailMessages, emailThreads } from "@/lib/db/schema/email";
import { contactByIdentifier } from "@/lib/contacts/contact-by-identifier";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { recordContactMessageSchema } from "@/lib/conversations/record-contact-message.validation";
import { notFound, SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { fileStorage } from "@/lib/storage/file-storage";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { bounceDeliveryIdOf } from "./bounce-address";
import { replyTokenOf } from "./channel-config";
import { markAddressBouncing } from "./email-consent";
import { startEmailThreads } from "./email-threads";
import { deliveryReport } from "./delivery-report";
import { visibleReplyText } from "./reply-text";

/** The largest raw email Parley accepts (webhook body and SMTP listener alike). */
export const MAX_INBOUND_EMAIL_BYTES = 10 * 1024 * 1024;

export type InboundEmailInput = {
  channelId: string;
  raw: Buffer;
  /** The SMTP envelope's recipients (the listener knows them; a webhook may not). */
  envelopeTo?: readonly string[];
};

export type InboundEmailResult =
  | { kind: "recorded"; conversationId: string; messageId: string; createdConversation: boolean; opened: boolean }
  | { kind: "duplicate"; conversationId: string }
  | { kind: "bounce"; addresses: string[] }
  | { kind: "ignored"; reason: string };

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((group) => group.value.flatMap((address) => (address.address ? [address.address] : [])));
}

/** Message-IDs named by In-Reply-To and References, most recent first. */
function threadIds(mail: ParsedMail): string[] {
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : [];
  return [...new Set([...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : []), ...references.reverse()].filter((id) => id.length > 2))];
}

/** Every address the email was delivered to: the SMTP envelope's, To, Cc and Delivered-To. */
function recipientsOf(mail: ParsedMail, envelopeTo: readonly string[]): string[] {
  return [...envelopeTo, ...addresses(mail.to), ...addresses(mail.cc), ...(typeof mail.headers.get("delivered-to") === "string" ? [mail.headers.get("delivered-to") as string] : [])];
}

/**
 * A bounce or complaint counts only at a signed bounce address (bounce-address.ts) of a delivery
 * of this channel, and marks only the address that delivery went to: a report sent anywhere else,
 * or naming other addresses, could be written by anyone.
 */
async function recordDeliveryReport(ctx: ServiceContext, input: InboundEmailInput, mail: ParsedMail, report: NonNullable<ReturnType<typeof deliveryReport>>): Promise<InboundEmailResult> {
  const deliveryIds = [...new Set(recipientsOf(mail, input.envelopeTo ?? []).map(bounceDeliveryIdOf).filter((id): id is number => id !== null))];
  if (deliveryIds.length === 0) return { kind: "ignored", reason: "A delivery report not sent to a bounce address." };
  const deliveries = await ctx.tx
    .select({ toAddress: emailDeliveries.toAddress })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.workspaceId, ctx.workspace.id), eq(emailDeliveries.channelId, input.channelId), inArray(emailDeliveries.id, deliveryIds)));
  const bounced = [...new Set(deliveries.flatMap((delivery) => (delivery.toAddress ? [delivery.toAddress.toLowerCase()] : [])))];
  for (const address of bounced) await markAddressBouncing(ctx, { address, reason: report.kind, detail: report.detail });
  // A bounce after the message was accepted: the workflow's first message did not arrive after all.
  if (report.kind === "bounce") {
    await advanceFirstMessages(ctx.tx, ctx.workspace.id, { emailDeliveryIds: deliveryIds }, { status: "failed", reason: `Bounced: ${report.detail}`, bouncedAfterDelivery: true });
  }
  return bounced.length > 0 ? { kind: "bounce", addresses: bounced } : { kind: "ignored", reason: "A delivery report for no delivery of this channel." };
}

/** The conversation a reply answers: its reply address token first, then the thread's headers. */
async function matchConversation(ctx: ServiceContext, channelId: string, mail: ParsedMail, envelopeTo: readonly string[]) {
  const recipients = recipientsOf(mail, envelopeTo);
  const tokens = [...new Set(recipients.map(replyTokenOf).filter((token): token is string => token !== null))];
  if (tokens.length > 0) {
    const [byToken] = await ctx.tx
      .select({ conversationId: emailThreads.conversationId })
      .from(emailThreads)
      .where(and(eq(emailThreads.workspaceId, ctx.workspace.id), eq(emailThreads.channelId, channelId), inArray(emailThreads.replyToken, tokens)))
      .limit(1);
    if (byToken) return byToken.conversationId;
  }
  const ids = threadIds(mail);
  if (ids.length > 0) {
    const found = await ctx.tx
      .select({ conversationId: emailMessages.conversationId, rfcMessageId: emailMessages.rfcMessageId })
      .from(emailMessages)
      .where(and(eq(emailMessages.workspaceId, ctx.workspace.id), eq(emailMessages.channelId, channelId), inArray(emailMessages.rfcMessageId, ids)));
    for (const id of ids) {
      const hit = found.find((row) => row.rfcMessageId === id);
      if (hit) return hit.conversationId;
    }
  }
  return null;
}

function subjectWithoutPrefixes(subject: string | undefined): string {
  return (subject ?? "").replace(/^\s*((re|fw|fwd|aw|sv|tr)\s*:\s*)+/i, "").trim();
}

/**
 * An email arriving on an email channel of the context's workspace (the SMTP listener, a
 * provider's webhook, or the mail sandbox's "reply as the recipient"): parsed with mailparser; a
 * delivery status notification or complaint marks the address bouncing; a reply lands in its
 * conversation (matched by reply address token, then In-Reply-To/References) through the same
 * state machine as a chat reply (it opens a campaign, fires Conversation started); mail from
 * anyone else starts an inbound conversation. The raw original is kept (lib/storage) for agents
 * to download. The (channel, Message-ID) key makes a redelivered email land once.
 */
export async function receiveInboundEmail(ctx: ServiceContext, input: InboundEmailInput): Promise<InboundEmailResult> {
  const [channel] = await ctx.tx
    .select({ kind: channels.kind })
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id)));
  if (!channel) throw notFound("That channel");
  if (channel.kind !== "email") throw new SafeError("not_found", "That is not an email channel.");
  if (input.raw.byteLength > MAX_INBOUND_EMAIL_BYTES) throw new SafeError("payload_too_large", "The email is larger than 10 MB.");

  const mail = await simpleParser(input.raw, { skipImageLinks: true, skipTextToHtml: true });
  const report = deliveryReport(input.raw);
  if (report) return recordDeliveryReport(ctx, input, mail, report);

  // Without a Message-ID the bytes name it: the same email delivered twice is still one.
  const rfcMessageId = mail.messageId?.trim() || `<${createHash("sha256").update(input.raw).digest("hex")}@parley.invalid>`;
  const [seen] = await ctx.tx
    .select({ conversationId: emailMessages.conversationId })
    .from(emailMessages)
    .where(and(eq(emailMessages.channelId, input.channelId), eq(emailMessages.rfcMessageId, rfcMessageId)));
  if (seen) return { kind: "duplicate", conversationId: seen.conversationId };

  // An out-of-office or other automatic answer (RFC 3834) is not the contact replying: it must not
  // open a campaign nor fire Conversation started.
  const autoSubmitted = String(mail.headers.get("auto-submitted") ?? "no").toLowerCase();
  if (autoSubmitted !== "no" || /^(auto_reply|bulk|junk)$/i.test(String(mail.headers.get("precedence") ?? ""))) {
    return { kind: "ignored", reason: "An automatic reply." };
  }

  const from = mail.from?.value.find((address) => address.address);
  if (!from?.address) return { kind: "ignored", reason: "The email has no sender address." };

  const conversationId = await matchConversation(ctx, input.channelId, mail, input.envelopeTo ?? []);
  let contactId: string;
  if (conversationId) {
    const [conversation] = await ctx.tx.select({ contactId: conversations.contactId }).from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
    contactId = conversation!.contactId;
  } else {
    const [firstName, ...rest] = (from.name ?? "").trim().split(/\s+/).filter(Boolean);
    ({ contactId } = await contactByIdentifier(ctx, { email: from.address }, { firstName, lastName: rest.length > 0 ? rest.join(" ") : null }));
  }

  const body = mail.text ?? (typeof mail.html === "string" ? mail.html.replace(/<[^>]*>/g, " ") : "");
  const text = visibleReplyText(body).slice(0, 20_000) || "(empty email)";
  const recorded = await recordContactMessage(
    ctx,
    // Only the reply address token or the thread's headers name a conversation: a From address
    // alone (anyone can write it) never opens a campaign, it starts an inbound conversation.
    recordContactMessageSchema.parse({ channelId: input.channelId, contactId, conversationId, newUnlessMatched: true, text, dedupeKey: `email:${rfcMessageId}`.slice(0, 200) }),
  );
  if (recorded.duplicate) return { kind: "duplicate", conversationId: recorded.conversationId };
  // A conversation this email started gets its thread (the email's subject); one that has a thread keeps it.
  await startEmailThreads(ctx.tx, {
    workspaceId: ctx.workspace.id,
    channelId: input.channelId,
    threads: [{ conversationId: recorded.conversationId, subject: subjectWithoutPrefixes(mail.subject) || null }],
  });
  const rawFileId = await fileStorage(ctx.tx).put(input.raw, "message/rfc822");
  await ctx.tx
    .insert(emailMessages)
    .values({
      workspaceId: ctx.workspace.id,
      channelId: input.channelId,
      conversationId: recorded.conversationId,
      messageId: recorded.messageId,
      direction: "inbound",
      rfcMessageId,
      fromAddress: from.address.toLowerCase(),
      subject: mail.subject?.slice(0, 998) ?? null,
      rawFileId,
    })
    .onConflictDoNothing();
  return { kind: "recorded", conversationId: recorded.conversationId, messageId: recorded.messageId, createdConversation: recorded.createdConversation, opened: recorded.opened };
}
