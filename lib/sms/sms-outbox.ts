import { and, eq, inArray, min, sql } from "drizzle-orm";
import { getDb, type Database, type DbOrTx } from "@/lib/db/client";
import { smsDeliveries } from "@/lib/db/schema/sms";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { retryDelayMs } from "@/lib/webhooks/backoff";
import { readSmsConfig } from "./channel-config";
import { toE164 } from "./phone";
import { SmsSendError, type SmsProvider } from "./provider";
import { SandboxProvider } from "./sandbox-provider";
import { smsWebhookUrl } from "./public-url";
import { TwilioProvider } from "./twilio-provider";

export const MAX_SMS_ATTEMPTS = 6;
const LEASE_MS = 30_000;

export type SmsDrainOptions = {
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
  config: unknown;
  text: string;
  destination: string | null;
  contact_phone: string | null;
};

// The drain is Parley's own delivery machinery across every workspace, not a change any workspace
// asked for: it runs on the database handle, without a service context. Claiming is raw SQL on
// purpose (FOR UPDATE SKIP LOCKED over a CTE); settling one row goes through the query builder.

/**
 * Claims due texts, oldest first and one per conversation at a time (so a contact receives them
 * in order), marking them "sending" under a lease. A worker killed mid-send leaves the row to be
 * claimed again when the lease ends: the sandbox stores it once (its id is the row's); a real
 * provider may, rarely, send it twice, the price of never silently dropping a text.
 */
async function claim(db: Database, options: SmsDrainOptions): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const result = await tx.execute<Claimed>(sql`
      WITH due AS (
        SELECT d.id FROM sms_deliveries d
        WHERE d.status IN ('queued', 'sending') AND d.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM sms_deliveries e
            WHERE e.conversation_id = d.conversation_id AND e.status IN ('queued', 'sending') AND e.id < d.id)
        ORDER BY d.next_attempt_at, d.id
        LIMIT 20
        FOR UPDATE OF d SKIP LOCKED
      ), claimed AS (
        UPDATE sms_deliveries s
        SET status = 'sending', attempts = s.attempts + 1, next_attempt_at = now() + ${LEASE_MS} * interval '1 millisecond', updated_at = now()
        FROM due WHERE s.id = due.id
        RETURNING s.id, s.attempts, s.channel_id, s.workspace_id, s.message_id, s.conversation_id
      )
      SELECT claimed.id, claimed.attempts, claimed.channel_id, claimed.workspace_id, ch.config, m.text,
             c.customer_destination AS destination, ct.phone AS contact_phone
      FROM claimed
      JOIN channels ch ON ch.id = claimed.channel_id AND ch.workspace_id = claimed.workspace_id
      JOIN messages m ON m.id = claimed.message_id AND m.workspace_id = claimed.workspace_id
      JOIN conversations c ON c.id = claimed.conversation_id AND c.workspace_id = claimed.workspace_id
      JOIN contacts ct ON ct.id = c.contact_id AND ct.workspace_id = claimed.workspace_id`);
    if (result.rows.length > 0 && options.scheduleWakeup) await options.scheduleWakeup(tx, new Date(Date.now() + LEASE_MS + 1_000));
    return result.rows;
  });
}

function providerFor(db: DbOrTx, row: Claimed): { provider: SmsProvider; from: string } {
  const config = readSmsConfig(row.config);
  if (!config) throw new SmsSendError("The channel's SMS provider is not configured.", false);
  if (config.provider === "sandbox") return { provider: new SandboxProvider(db, { id: row.channel_id, workspaceId: row.workspace_id }), from: config.fromNumber };
  return { provider: new TwilioProvider(config), from: config.fromNumber };
}

async function sendOne(db: Database, row: Claimed, options: SmsDrainOptions): Promise<void> {
  const owned = and(eq(smsDeliveries.id, Number(row.id)), eq(smsDeliveries.status, "sending"), eq(smsDeliveries.attempts, row.attempts));
  const to = toE164(row.destination || row.contact_phone || "");
  try {
    if (!to) throw new SmsSendError("The contact has no valid phone number.", false);
    const record = async (tx: DbOrTx) => {
      const { provider, from } = providerFor(tx, row);
      const sent = await provider.send({
        from,
        to,
        body: row.text,
        statusCallbackUrl: smsWebhookUrl(row.channel_id, "status"),
        reference: String(row.id),
      });
      await tx
        .update(smsDeliveries)
        .set({ status: sent.status, providerMessageId: sent.providerMessageId, toNumber: to, error: null, updatedAt: sql`now()` })
        .where(owned);
      await advanceFirstMessages(tx, row.workspace_id, { smsDeliveryIds: [Number(row.id)] }, { status: sent.status === "delivered" ? "delivered" : "sent" });
    };
    // The sandbox's stored text and the status change commit together (one text per row); a real
    // provider is called outside a transaction so no connection waits on the network.
    if (readSmsConfig(row.config)?.provider === "sandbox") await db.transaction(record);
    else await record(db);
  } catch (error) {
    const retryable = error instanceof SmsSendError ? error.retryable : true;
    const exhausted = !retryable || row.attempts >= MAX_SMS_ATTEMPTS;
    const delay = exhausted ? 0 : (options.backoffMs ?? retryDelayMs)(row.attempts);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db
      .update(smsDeliveries)
      .set({
        status: exhausted ? "failed" : "queued",
        toNumber: to,
        nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
        error: message,
        updatedAt: sql`now()`,
      })
      .where(owned);
    if (exhausted) await advanceFirstMessages(db, row.workspace_id, { smsDeliveryIds: [Number(row.id)] }, { status: "failed", reason: message });
  }
}

/** Sends due texts until none are due or the budget is spent; schedules the next retry's wakeup. */
export async function drainSmsOutbox(options: SmsDrainOptions = {}): Promise<number> {
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
      .select({ at: min(smsDeliveries.nextAttemptAt) })
      .from(smsDeliveries)
      .where(inArray(smsDeliveries.status, ["queued", "sending"]));
    if (next?.at) await options.scheduleWakeup(db, new Date(Math.max(next.at.getTime(), Date.now())));
  }
  return sent;
}
