import { skipReasonFor } from "@/lib/consent/consent-skips";
import { and, desc, eq, inArray, min, ne, sql } from "drizzle-orm";
import { getDb, type Database, type DbOrTx } from "@/lib/db/client";
import { emailDeliveries, emailMessages, emailSandboxMessages, emailThreads } from "@/lib/db/schema/email";
import { retryDelayMs } from "@/lib/webhooks/backoff";
import { isEmailAddress } from "@/lib/workflow/customer-destination";
import { readEmailConfig } from "./channel-config";
import { bounceAddress } from "./bounce-address";
import { buildRawEmail, channelTransport, fromAddressProblem } from "./email-transport";
import { composeEmail, rfcMessageIdFor } from "./compose-email";
import { newReplyToken } from "./email-threads";
import { unsubscribeUrl } from "./unsubscribe-link";

export const MAX_EMAIL_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const BATCH = 50;

export type EmailDrainOptions = {
  db?: Database;
  scheduleWakeup?: (db: DbOrTx, at: Date) => Promise<void>;
  backoffMs?: (attempts: number) => number;
  budgetMs?: number;
};

type Claimed = {
  id: string | number;
  attempts: number;
  channel_id: string;
  workspace_id: string;
  workspace_name: string;
  conversation_id: string;
  message_id: string;
  config: unknown;
  html: string;
  text: string;
  author_name: string | null;
  avatar_url: string | null;
  origin: "inbound" | "workflow" | "api";
  destination: string | null;
  contact_id: string;
  contact_email: string | null;
  /** The contact has written in this conversation: what is sent now answers them, it is not outreach. */
  contact_wrote: boolean;
};

// The drain is Parley's own delivery machinery across every workspace, like the SMS outbox's: it
// runs on the database handle without a service context. Claiming is raw SQL on purpose (a
// window over due rows per channel, under one lock); settling a row goes through the query builder.

/**
 * Claims due emails, oldest first within each channel and round robin across channels, one per
 * conversation at a time (so a thread arrives in order) and at most each channel's send rate per
 * second: a channel's claims of the last second count against it. Claims are serialised by a transaction-scoped advisory lock so two drains cannot
 * both spend the same second's budget. A row is leased ("sending"): a worker killed mid-send
 * leaves it to be claimed again when the lease ends, so an email may, rarely, go out twice (SMTP
 * has no idempotency), never zero times.
 */
async function claim(db: Database, options: EmailDrainOptions): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('parley:email-claim'))`);
    const result = await tx.execute<Claimed>(sql`
      WITH budget AS (
        SELECT ch.id AS channel_id,
               coalesce((ch.config->>'ratePerSecond')::int, 10) - (
                 SELECT count(*) FROM email_deliveries r
                 WHERE r.channel_id = ch.id AND r.claimed_at > clock_timestamp() - interval '1 second') AS remaining
        FROM channels ch
        WHERE ch.kind = 'email'
          AND EXISTS (SELECT 1 FROM email_deliveries q WHERE q.channel_id = ch.id AND q.status IN ('queued', 'sending') AND q.next_attempt_at <= now())
      ), ranked AS (
        -- Each channel's own due rows, at most its remaining budget, ranked within the channel:
        -- one workspace's big campaign can neither crowd another channel out of the candidates
        -- nor take the whole batch while others wait.
        SELECT due.id, due.next_attempt_at, due.n FROM budget
        CROSS JOIN LATERAL (
          SELECT d.id, d.next_attempt_at, row_number() OVER (ORDER BY d.next_attempt_at, d.id) AS n
          FROM email_deliveries d
          WHERE d.channel_id = budget.channel_id AND d.status IN ('queued', 'sending') AND d.next_attempt_at <= now()
            AND NOT EXISTS (
              SELECT 1 FROM email_deliveries e
              WHERE e.conversation_id = d.conversation_id AND e.status IN ('queued', 'sending') AND e.id < d.id)
          ORDER BY d.next_attempt_at, d.id
          LIMIT greatest(budget.remaining, 0)
        ) due
      ), picked AS (
        -- Round robin: every channel's first email before any channel's second.
        SELECT ranked.id FROM ranked
        ORDER BY ranked.n, ranked.next_attempt_at, ranked.id
        LIMIT ${BATCH}
      ), claimed AS (
        UPDATE email_deliveries s
        SET status = 'sending', attempts = s.attempts + 1, claimed_at = clock_timestamp(),
            next_attempt_at = now() + ${LEASE_MS} * interval '1 millisecond', updated_at = now()
        FROM picked WHERE s.id = picked.id
        RETURNING s.id, s.attempts, s.channel_id, s.workspace_id, s.message_id, s.conversation_id
      )
      SELECT claimed.id, claimed.attempts, claimed.channel_id, claimed.workspace_id, w.name AS workspace_name,
             claimed.conversation_id, claimed.message_id, ch.config, m.html, m.text, m.author_name, u.avatar_url,
             c.origin, c.customer_destination AS destination, c.contact_id, ct.email AS contact_email,
             EXISTS (SELECT 1 FROM messages cm
                     WHERE cm.conversation_id = claimed.conversation_id AND cm.workspace_id = claimed.workspace_id AND cm.author_type = 'contact') AS contact_wrote
      FROM claimed
      JOIN workspaces w ON w.id = claimed.workspace_id
      JOIN channels ch ON ch.id = claimed.channel_id AND ch.workspace_id = claimed.workspace_id
      JOIN messages m ON m.id = claimed.message_id AND m.workspace_id = claimed.workspace_id
      LEFT JOIN users u ON u.id = m.author_user_id
      JOIN conversations c ON c.id = claimed.conversation_id AND c.workspace_id = claimed.workspace_id
      JOIN contacts ct ON ct.id = c.contact_id AND ct.workspace_id = claimed.workspace_id`);
    if (result.rows.length > 0 && options.scheduleWakeup) await options.scheduleWakeup(tx, new Date(Date.now() + LEASE_MS + 1_000));
    return result.rows;
  });
}

class PermanentEmailError extends Error {}

/** The conversation's thread (subject, reply token); one is made for a conversation that has none (e.g. started by the API). */
async function threadOf(db: DbOrTx, row: Claimed): Promise<{ replyToken: string; subject: string }> {
  await db
    .insert(emailThreads)
    .values({ conversationId: row.conversation_id, workspaceId: row.workspace_id, channelId: row.channel_id, replyToken: newReplyToken(), subject: "" })
    .onConflictDoNothing();
  const [thread] = await db.select({ replyToken: emailThreads.replyToken, subject: emailThreads.subject }).from(emailThreads).where(eq(emailThreads.conversationId, row.conversation_id));
  return { replyToken: thread!.replyToken, subject: thread!.subject || `A message from ${row.workspace_name}` };
}

async function sendOne(db: Database, row: Claimed, options: EmailDrainOptions): Promise<void> {
  const owned = and(eq(emailDeliveries.id, Number(row.id)), eq(emailDeliveries.status, "sending"), eq(emailDeliveries.attempts, row.attempts));
  const to = (row.destination || row.contact_email || "").trim();
  try {
    const config = readEmailConfig(row.config);
    if (!config) throw new PermanentEmailError("The channel's email settings are missing.");
    // Checked again at send time: the install may have been given an SMTP server since the channel was saved.
    const fromProblem = fromAddressProblem(config);
    if (fromProblem) throw new PermanentEmailError(fromProblem);
    if (!isEmailAddress(to)) throw new PermanentEmailError(to ? `“${to}” is not an email address.` : "The contact has no email address.");
    // Checked again at send time: a bounce or an unsubscribe since the email was queued wins. An
    // unsubscribe stops outreach only: an agent answering a contact who wrote is not a mailing.
    const outreach = row.origin !== "inbound" && !row.contact_wrote;
    const skip = await skipReasonFor(db, { workspaceId: row.workspace_id, kind: "email", contactId: row.contact_id, address: to, outreach });
    if (skip) {
      await db.update(emailDeliveries).set({ status: "skipped", toAddress: to, error: skip.reason, updatedAt: sql`now()` }).where(owned);
      return;
    }
    const thread = await threadOf(db, row);
    // The thread's latest 50 emails, oldest first: In-Reply-To is the newest, References end with it.
    const earlier = (
      await db
        .select({ rfcMessageId: emailMessages.rfcMessageId })
        .from(emailMessages)
        .where(and(eq(emailMessages.conversationId, row.conversation_id), eq(emailMessages.workspaceId, row.workspace_id), ne(emailMessages.messageId, row.message_id)))
        .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
        .limit(50)
    ).reverse();
    const rfcMessageId = rfcMessageIdFor(row.message_id, config);
    const mail = composeEmail({
      config,
      workspaceName: row.workspace_name,
      to,
      senderName: row.author_name,
      senderAvatarUrl: row.avatar_url,
      replyToken: thread.replyToken,
      subject: thread.subject,
      isReply: earlier.length > 0,
      rfcMessageId,
      references: earlier.map((e) => e.rfcMessageId),
      html: row.html,
      text: row.text,
      // Outreach (a workflow's or the API's conversation) can be unsubscribed from in one click;
      // an agent answering someone who wrote in is not a mailing.
      unsubscribeUrl: row.origin === "inbound" ? null : unsubscribeUrl(row.workspace_id, row.contact_id),
      bounceAddress: bounceAddress(config.replyDomain, Number(row.id)),
    });
    const record = async (tx: DbOrTx) => {
      await tx
        .insert(emailMessages)
        .values({ workspaceId: row.workspace_id, channelId: row.channel_id, conversationId: row.conversation_id, messageId: row.message_id, direction: "outbound", rfcMessageId, fromAddress: config.fromAddress, subject: String(mail.subject) })
        .onConflictDoNothing();
      await tx.update(emailDeliveries).set({ status: "sent", toAddress: to, rfcMessageId, error: null, updatedAt: sql`now()` }).where(owned);
    };
    const transport = await channelTransport(config.transport);
    if (transport.kind === "sandbox") {
      // The sandbox's stored mail and the status change commit together: one stored email per message.
      const raw = await buildRawEmail(mail);
      await db.transaction(async (tx) => {
        await tx
          .insert(emailSandboxMessages)
          .values({ workspaceId: row.workspace_id, channelId: row.channel_id, direction: "outbound", fromAddress: config.fromAddress, toAddress: to, subject: String(mail.subject), html: String(mail.html), text: String(mail.text), rfcMessageId, raw })
          .onConflictDoNothing();
        await record(tx);
      });
      return;
    }
    // A real server is called outside any transaction so no connection waits on the network.
    await transport.transporter.sendMail(mail);
    await db.transaction(record);
  } catch (error) {
    const smtpCode = (error as { responseCode?: number }).responseCode;
    const permanent = error instanceof PermanentEmailError || (typeof smtpCode === "number" && smtpCode >= 500);
    const exhausted = permanent || row.attempts >= MAX_EMAIL_ATTEMPTS;
    const delay = exhausted ? 0 : (options.backoffMs ?? retryDelayMs)(row.attempts);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db
      .update(emailDeliveries)
      .set({ status: exhausted ? "failed" : "queued", toAddress: to || null, nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`, error: message, updatedAt: sql`now()` })
      .where(owned);
  }
}

/**
 * Sends due emails until none are due (or only ones a channel's rate holds back) or the budget is
 * spent, then schedules the next wakeup: when a channel's rate is spent the job ends and a new one
 * runs a second later, so waiting never holds a worker slot.
 */
export async function drainEmailOutbox(options: EmailDrainOptions = {}): Promise<number> {
  const db = options.db ?? getDb();
  const deadline = Date.now() + (options.budgetMs ?? 25_000);
  let sent = 0;
  while (Date.now() < deadline) {
    const rows = await claim(db, options);
    if (rows.length === 0) break;
    await Promise.all(rows.map((row) => sendOne(db, row, options)));
    sent += rows.length;
  }
  if (options.scheduleWakeup) {
    const [next] = await db
      .select({ at: min(emailDeliveries.nextAttemptAt) })
      .from(emailDeliveries)
      .where(inArray(emailDeliveries.status, ["queued", "sending"]));
    // Due now but not claimed: a channel's rate held it back for the rest of this second.
    if (next?.at) await options.scheduleWakeup(db, new Date(Math.max(next.at.getTime(), Date.now() + 1_000)));
  }
  return sent;
}
