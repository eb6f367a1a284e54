import { and, eq, inArray, sql } from "drizzle-orm";
import { skipReasonFor } from "@/lib/consent/consent-skips";
import { outreachAtSend } from "@/lib/consent/outreach-at-send";
import { recordSmsRefusal } from "@/lib/consent/sms-provider-refusals";
import { getDb, type Database, type DbOrTx } from "@/lib/db/client";
import { channelWebhookUrl } from "@/lib/channels/channel-webhook-url";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { smsDeliveries } from "@/lib/db/schema/sms";
import { afterFailedAttempt, channelSendRate, drainDeliveries, type ClaimedDelivery, type OutboxDrainOptions, type OutboxSpec } from "@/lib/outbox/delivery-outbox";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { readSmsConfig } from "./channel-config";
import { toE164 } from "./phone";
import { SmsSendError, type SmsProvider } from "./provider";
import { SandboxProvider } from "./sandbox-provider";
import { TwilioProvider } from "./twilio-provider";

export const MAX_SMS_ATTEMPTS = 6;

// The drain is Parley's own delivery machinery across every workspace, not a change any workspace
// asked for: it runs on the database handle, without a service context. Claiming, leases, retries
// and wakeups are the shared outbox's (lib/outbox/delivery-outbox.ts); this file sends one text.
// A worker killed mid-send leaves the row to be claimed again when the lease ends: the sandbox
// stores it once (its id is the row's); a real provider may, rarely, send it twice, the price of
// never silently dropping a text.
const SMS_OUTBOX: OutboxSpec = {
  table: "sms_deliveries",
  group: { column: "channel_id", table: "channels", where: sql`g.kind = 'sms'` },
  pendingStatuses: ["queued", "sending"],
  claimedStatus: "sending",
  leaseMs: 30_000,
  batchSize: 20,
  // Each channel's "texts per second" (its settings): the claims of the last second count against
  // it, so a drain never waits for the rate (the next job runs a second later).
  ratePerSecond: channelSendRate,
};

type Claimed = ClaimedDelivery & {
  channelId: string;
  workspaceId: string;
  config: unknown;
  text: string;
  destination: string | null;
  contactId: string;
  contactPhone: string | null;
  /** Sent now, it is outreach (lib/consent/outreach-at-send.ts), which an unsubscribe stops. */
  outreach: boolean;
};

async function load(db: Database, claimed: ClaimedDelivery[]): Promise<Claimed[]> {
  const attempts = new Map(claimed.map((row) => [row.id, row.attempts]));
  const rows = await db
    .select({
      id: smsDeliveries.id,
      channelId: smsDeliveries.channelId,
      workspaceId: smsDeliveries.workspaceId,
      config: channels.config,
      text: messages.text,
      destination: conversations.customerDestination,
      contactId: conversations.contactId,
      contactPhone: contacts.phone,
      outreach: outreachAtSend(db, smsDeliveries),
    })
    .from(smsDeliveries)
    .innerJoin(channels, and(eq(channels.id, smsDeliveries.channelId), eq(channels.workspaceId, smsDeliveries.workspaceId)))
    .innerJoin(messages, and(eq(messages.id, smsDeliveries.messageId), eq(messages.workspaceId, smsDeliveries.workspaceId)))
    .innerJoin(conversations, and(eq(conversations.id, smsDeliveries.conversationId), eq(conversations.workspaceId, smsDeliveries.workspaceId)))
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, smsDeliveries.workspaceId)))
    .where(inArray(smsDeliveries.id, [...attempts.keys()]));
  return rows.map((row) => ({ ...row, attempts: attempts.get(row.id)! }));
}

function providerFor(db: DbOrTx, row: Claimed): { provider: SmsProvider; from: string } {
  const config = readSmsConfig(row.config);
  if (!config) throw new SmsSendError("The channel's SMS provider is not configured.", false);
  if (config.provider === "sandbox") return { provider: new SandboxProvider(db, { id: row.channelId, workspaceId: row.workspaceId }), from: config.fromNumber };
  return { provider: new TwilioProvider(config), from: config.fromNumber };
}

/** Only the worker that still holds the row's lease records a result. */
const owned = (row: Claimed) => and(eq(smsDeliveries.id, row.id), eq(smsDeliveries.status, "sending"), eq(smsDeliveries.attempts, row.attempts));

async function sendOne(db: Database, row: Claimed, options: OutboxDrainOptions): Promise<void> {
  const to = toE164(row.destination || row.contactPhone || "");
  try {
    if (!to) throw new SmsSendError("The contact has no valid phone number.", false);
    // Checked again at send time, as the email outbox does: a STOP or a bouncing number since the
    // text was queued wins. An unsubscribe stops outreach only: an agent answering a contact who
    // wrote is not a campaign.
    const skip = await skipReasonFor(db, { workspaceId: row.workspaceId, kind: "sms", contactId: row.contactId, address: to, outreach: row.outreach });
    if (skip) {
      // Skipped: not sent, for the reason given.
      await db.update(smsDeliveries).set({ status: "skipped", toNumber: to, error: skip.reason, updatedAt: sql`now()` }).where(owned(row));
      await advanceFirstMessages(db, row.workspaceId, { smsDeliveryIds: [Number(row.id)] }, { status: "failed", reason: `Not sent: ${skip.reason}` });
      return;
    }
    const send = async (tx: DbOrTx) => {
      const { provider, from } = providerFor(tx, row);
      const sent = await provider.send({ from, to, body: row.text, statusCallbackUrl: channelWebhookUrl(row.channelId, { kind: "sms", endpoint: "status" }), reference: String(row.id) });
      // Sent: the provider took it (the sandbox reports it delivered at once).
      await tx
        .update(smsDeliveries)
        .set({ status: sent.status, providerMessageId: sent.providerMessageId, toNumber: to, error: null, updatedAt: sql`now()` })
        .where(owned(row));
      await advanceFirstMessages(tx, row.workspaceId, { smsDeliveryIds: [Number(row.id)] }, { status: sent.status === "delivered" ? "delivered" : "sent" });
    };
    // The sandbox's stored text and the status change commit together (one text per row); a real
    // provider is called outside a transaction so no connection waits on the network.
    if (readSmsConfig(row.config)?.provider === "sandbox") await db.transaction(send);
    else await send(db);
  } catch (error) {
    // Failed for good, or to be retried after a backoff.
    const outcome = afterFailedAttempt(row.attempts, {
      permanent: error instanceof SmsSendError ? !error.retryable : false,
      maxAttempts: MAX_SMS_ATTEMPTS,
      backoffMs: options.backoffMs,
    });
    const delay = outcome.status === "retry" ? outcome.delayMs : 0;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    // A refusal that says the number will never take a text (STOP at the carrier, not a mobile
    // number) is recorded against it, so later outreach skips it instead of failing again.
    if (error instanceof SmsSendError && error.code !== null && outcome.status === "failed") {
      await recordSmsRefusal(db, { workspaceId: row.workspaceId, contactId: row.contactId, phone: to, code: error.code });
    }
    await db
      .update(smsDeliveries)
      .set({
        status: outcome.status === "retry" ? "queued" : "failed",
        toNumber: to,
        nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
        error: message,
        updatedAt: sql`now()`,
      })
      .where(owned(row));
    if (outcome.status !== "retry") await advanceFirstMessages(db, row.workspaceId, { smsDeliveryIds: [Number(row.id)] }, { status: "failed", reason: message });
  }
}

/** Sends due texts until none are due or the budget is spent; schedules the next retry's wakeup. */
export async function drainSmsOutbox(options: OutboxDrainOptions = {}): Promise<number> {
  const db = options.db ?? getDb();
  return drainDeliveries(SMS_OUTBOX, { ...options, db }, load, (row) => sendOne(db, row, options));
}
