import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { skipReasonFor } from "@/lib/consent/consent-skips";
import { outreachAtSend } from "@/lib/consent/outreach-at-send";
import { getDb, type Database, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailDeliveries, emailMessages, emailSandboxMessages, emailThreads } from "@/lib/db/schema/email";
import { users, workspaces } from "@/lib/db/schema/workspaces";
import { afterFailedAttempt, channelSendRate, drainDeliveries, type ClaimedDelivery, type OutboxDrainOptions, type OutboxSpec } from "@/lib/outbox/delivery-outbox";
import { openPixelUrlFor } from "@/lib/outreach-status/email-open-tracking";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { isEmailAddress } from "@/lib/workflow/customer-destination";
import { readEmailConfig } from "./channel-config";
import { bounceAddress } from "./bounce-address";
import { buildRawEmail, channelTransport, fromAddressProblem } from "./email-transport";
import { composeEmail, rfcMessageIdFor } from "./compose-email";
import { newReplyToken } from "./email-threads";
import { unsubscribeUrl } from "./unsubscribe-link";

export const MAX_EMAIL_ATTEMPTS = 8;

// The drain is Parley's own delivery machinery across every workspace, like the SMS outbox's: it
// runs on the database handle without a service context. Claiming, leases, retries and wakeups
// are the shared outbox's (lib/outbox/delivery-outbox.ts); this file sends one email.
// Each channel's send rate: its claims of the last second count against it, so a drain never
// waits for the rate (the next job runs a second later). A worker killed between the SMTP
// accept and its commit leaves the row to be claimed again when the lease ends, so an email may,
// rarely, go out twice (SMTP has no idempotency), never zero times.
const EMAIL_OUTBOX: OutboxSpec = {
  table: "email_deliveries",
  group: { column: "channel_id", table: "channels", where: sql`g.kind = 'email'` },
  pendingStatuses: ["queued", "sending"],
  claimedStatus: "sending",
  leaseMs: 60_000,
  batchSize: 50,
  ratePerSecond: channelSendRate,
};

type Claimed = ClaimedDelivery & {
  channelId: string;
  workspaceId: string;
  workspaceName: string;
  conversationId: string;
  messageId: string;
  config: unknown;
  html: string;
  text: string;
  authorName: string | null;
  avatarUrl: string | null;
  origin: "inbound" | "workflow" | "api";
  destination: string | null;
  contactId: string;
  contactEmail: string | null;
  /** Sent now, it is outreach (lib/consent/outreach-at-send.ts), which an unsubscribe stops. */
  outreach: boolean;
};

async function load(db: Database, claimed: ClaimedDelivery[]): Promise<Claimed[]> {
  const attempts = new Map(claimed.map((row) => [row.id, row.attempts]));
  const rows = await db
    .select({
      id: emailDeliveries.id,
      channelId: emailDeliveries.channelId,
      workspaceId: emailDeliveries.workspaceId,
      workspaceName: workspaces.name,
      conversationId: emailDeliveries.conversationId,
      messageId: emailDeliveries.messageId,
      config: channels.config,
      html: messages.html,
      text: messages.text,
      authorName: messages.authorName,
      avatarUrl: users.avatarUrl,
      origin: conversations.origin,
      destination: conversations.customerDestination,
      contactId: conversations.contactId,
      contactEmail: contacts.email,
      outreach: outreachAtSend(db, emailDeliveries),
    })
    .from(emailDeliveries)
    .innerJoin(workspaces, eq(workspaces.id, emailDeliveries.workspaceId))
    .innerJoin(channels, and(eq(channels.id, emailDeliveries.channelId), eq(channels.workspaceId, emailDeliveries.workspaceId)))
    .innerJoin(messages, and(eq(messages.id, emailDeliveries.messageId), eq(messages.workspaceId, emailDeliveries.workspaceId)))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .innerJoin(conversations, and(eq(conversations.id, emailDeliveries.conversationId), eq(conversations.workspaceId, emailDeliveries.workspaceId)))
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, emailDeliveries.workspaceId)))
    .where(inArray(emailDeliveries.id, [...attempts.keys()]));
  return rows.map((row) => ({ ...row, attempts: attempts.get(row.id)! }));
}

class PermanentEmailError extends Error {}

/** The conversation's thread (subject, reply token); one is made for a conversation that has none (e.g. started by the API). */
async function threadOf(db: DbOrTx, row: Claimed): Promise<{ replyToken: string; subject: string }> {
  await db
    .insert(emailThreads)
    .values({ conversationId: row.conversationId, workspaceId: row.workspaceId, channelId: row.channelId, replyToken: newReplyToken(), subject: "" })
    .onConflictDoNothing();
  const [thread] = await db.select({ replyToken: emailThreads.replyToken, subject: emailThreads.subject }).from(emailThreads).where(eq(emailThreads.conversationId, row.conversationId));
  return { replyToken: thread!.replyToken, subject: thread!.subject || `A message from ${row.workspaceName}` };
}

/** Only the worker that still holds the row's lease records a result. */
const owned = (row: Claimed) => and(eq(emailDeliveries.id, row.id), eq(emailDeliveries.status, "sending"), eq(emailDeliveries.attempts, row.attempts));

async function sendOne(db: Database, row: Claimed, options: OutboxDrainOptions): Promise<void> {
  const to = (row.destination || row.contactEmail || "").trim();
  try {
    const config = readEmailConfig(row.config);
    if (!config) throw new PermanentEmailError("The channel's email settings are missing.");
    // Checked again at send time: the install may have been given an SMTP server since the channel was saved.
    const fromProblem = fromAddressProblem(config);
    if (fromProblem) throw new PermanentEmailError(fromProblem);
    if (!isEmailAddress(to)) throw new PermanentEmailError(to ? `“${to}” is not an email address.` : "The contact has no email address.");
    // Checked again at send time: a bounce or an unsubscribe since the email was queued wins. An
    // unsubscribe stops outreach only: an agent answering a contact who wrote is not a mailing.
    const skip = await skipReasonFor(db, { workspaceId: row.workspaceId, kind: "email", contactId: row.contactId, address: to, outreach: row.outreach });
    if (skip) {
      // Skipped: not sent, for the reason given.
      await db.update(emailDeliveries).set({ status: "skipped", toAddress: to, error: skip.reason, updatedAt: sql`now()` }).where(owned(row));
      await advanceFirstMessages(db, row.workspaceId, { emailDeliveryIds: [Number(row.id)] }, { status: "failed", reason: `Not sent: ${skip.reason}` });
      return;
    }
    const thread = await threadOf(db, row);
    // The thread's latest 50 emails, oldest first: In-Reply-To is the newest, References end with it.
    const earlier = (
      await db
        .select({ rfcMessageId: emailMessages.rfcMessageId })
        .from(emailMessages)
        .where(and(eq(emailMessages.conversationId, row.conversationId), eq(emailMessages.workspaceId, row.workspaceId), ne(emailMessages.messageId, row.messageId)))
        .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
        .limit(50)
    ).reverse();
    const rfcMessageId = rfcMessageIdFor(row.messageId, config);
    const mail = composeEmail({
      config,
      workspaceName: row.workspaceName,
      to,
      senderName: row.authorName,
      senderAvatarUrl: row.avatarUrl,
      replyToken: thread.replyToken,
      subject: thread.subject,
      isReply: earlier.length > 0,
      rfcMessageId,
      references: earlier.map((e) => e.rfcMessageId),
      html: row.html,
      text: row.text,
      // Outreach (a workflow's or the API's conversation) can be unsubscribed from in one click;
      // an agent answering someone who wrote in is not a mailing.
      unsubscribeUrl: row.origin === "inbound" ? null : unsubscribeUrl(row.workspaceId, row.contactId),
      bounceAddress: bounceAddress(config.replyDomain, row.id),
      openPixelUrl: await openPixelUrlFor(db, { workspaceId: row.workspaceId, conversationId: row.conversationId, messageId: row.messageId }),
    });
    // Sent: the server accepted it. Recorded with the thread's message so a reply finds it.
    const recordSent = async (tx: DbOrTx) => {
      await tx
        .insert(emailMessages)
        .values({ workspaceId: row.workspaceId, channelId: row.channelId, conversationId: row.conversationId, messageId: row.messageId, direction: "outbound", rfcMessageId, fromAddress: config.fromAddress, subject: String(mail.subject) })
        .onConflictDoNothing();
      await tx.update(emailDeliveries).set({ status: "sent", toAddress: to, rfcMessageId, error: null, updatedAt: sql`now()` }).where(owned(row));
      // Accepted by the SMTP server (or the sandbox): as far as email can tell, delivered.
      await advanceFirstMessages(tx, row.workspaceId, { emailDeliveryIds: [Number(row.id)] }, { status: "delivered" });
    };
    const transport = await channelTransport(config.transport);
    if (transport.kind === "sandbox") {
      // The sandbox's stored mail and the status change commit together: one stored email per message.
      const raw = await buildRawEmail(mail);
      await db.transaction(async (tx) => {
        await tx
          .insert(emailSandboxMessages)
          .values({ workspaceId: row.workspaceId, channelId: row.channelId, direction: "outbound", fromAddress: config.fromAddress, toAddress: to, subject: String(mail.subject), html: String(mail.html), text: String(mail.text), rfcMessageId, raw })
          .onConflictDoNothing();
        await recordSent(tx);
      });
      return;
    }
    // A real server is called outside any transaction so no connection waits on the network.
    await transport.transporter.sendMail(mail);
    await db.transaction(recordSent);
  } catch (error) {
    // Failed for good (refused, or attempts spent), or to be retried after a backoff.
    const smtpCode = (error as { responseCode?: number }).responseCode;
    const outcome = afterFailedAttempt(row.attempts, {
      permanent: error instanceof PermanentEmailError || (typeof smtpCode === "number" && smtpCode >= 500),
      maxAttempts: MAX_EMAIL_ATTEMPTS,
      backoffMs: options.backoffMs,
    });
    const delay = outcome.status === "retry" ? outcome.delayMs : 0;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db
      .update(emailDeliveries)
      .set({
        status: outcome.status === "retry" ? "queued" : "failed",
        toAddress: to || null,
        nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
        error: message,
        updatedAt: sql`now()`,
      })
      .where(owned(row));
    if (outcome.status !== "retry") await advanceFirstMessages(db, row.workspaceId, { emailDeliveryIds: [Number(row.id)] }, { status: "failed", reason: message });
  }
}

/**
 * Sends due emails until none are due (or only ones a channel's rate holds back) or the budget is
 * spent, then schedules the next wakeup: when a channel's rate is spent the job ends and a new one
 * runs a second later, so waiting never holds a worker slot.
 */
export async function drainEmailOutbox(options: OutboxDrainOptions = {}): Promise<number> {
  const db = options.db ?? getDb();
  return drainDeliveries(EMAIL_OUTBOX, { ...options, db }, load, (row) => sendOne(db, row, options));
}
