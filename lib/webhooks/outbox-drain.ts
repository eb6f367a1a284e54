import { and, eq, inArray, min, sql } from "drizzle-orm";
import { getDb, type Database } from "@/lib/db/client";
import { integrations } from "@/lib/db/schema/channels";
import { webhookDeliveries } from "@/lib/db/schema/platform";
import { workspaces } from "@/lib/db/schema/workspaces";
import { isEnterprise, PLANS } from "@/lib/plans/plan";
import { afterFailedAttempt, type ScheduleWakeup } from "@/lib/outbox/delivery-outbox";
import { MAX_DELIVERY_ATTEMPTS } from "./backoff";
import { deliveryBody, deliveryHeaders, type OutboxRow } from "./delivery-request";
import { safePost } from "@/lib/net/safe-post";
import { SsrfRefusedError } from "@/lib/net/ssrf-error";

export const DELIVERY_TIMEOUT_MS = 10_000;

export type DrainOptions = {
  db?: Database;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** How long a claimed row is reserved; must outlast the timeout so two workers never overlap. */
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: (attempts: number) => number;
  /** How long one run keeps claiming before it hands over to the next job. */
  budgetMs?: number;
  allowedHosts?: ReadonlySet<string>;
  /** Makes sure a drain runs at `at` (a wakeup job), in the given transaction. */
  scheduleWakeup?: ScheduleWakeup;
};

// The drain is Parley's own delivery machinery across every workspace, not a change any workspace
// asked for: it runs on the database handle, without a service context. Claiming is raw SQL on
// purpose (FOR UPDATE SKIP LOCKED with the per-conversation ordering rule); settling one row
// goes through the query builder.

type ClaimedRow = OutboxRow & { attempts: number; webhookUrl: string; signingSecret: string };

type RawClaimed = {
  id: string | number;
  workspace_id: string;
  integration_id: string;
  conversation_id: string | null;
  event: string;
  payload: unknown;
  created_at: Date | string;
  attempts: number;
  webhook_url: string;
  signing_secret: string;
};

/**
 * Claims due deliveries. A row is due only when no earlier row of the same conversation (and
 * integration) is still pending, so events of one conversation go out strictly in order; an
 * earlier row that is retrying holds the later ones back. Claiming bumps `attempts` and moves
 * `next_attempt_at` past a lease: a worker killed mid-delivery leaves the row pending, and it is
 * claimed again when the lease runs out (at-least-once; receivers dedupe on Parley-Delivery-Id).
 */
async function claim(db: Database, options: Required<Pick<DrainOptions, "batchSize" | "leaseMs">> & DrainOptions): Promise<ClaimedRow[]> {
  return db.transaction(async (tx) => {
    const result = await tx.execute<RawClaimed>(sql`
      WITH due AS (
        SELECT d.id
        FROM webhook_deliveries d
        JOIN integrations i ON i.id = d.integration_id AND i.enabled
        WHERE d.status = 'pending'
          AND d.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries e
            WHERE e.conversation_id = d.conversation_id
              AND e.integration_id = d.integration_id
              AND e.status = 'pending'
              AND e.id < d.id
          )
        ORDER BY d.next_attempt_at, d.id
        LIMIT ${options.batchSize}
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE webhook_deliveries w
      SET attempts = w.attempts + 1,
          next_attempt_at = now() + ${options.leaseMs} * interval '1 millisecond'
      FROM due, integrations i
      WHERE w.id = due.id AND i.id = w.integration_id
      RETURNING w.id, w.workspace_id, w.integration_id, w.conversation_id, w.event, w.payload,
                w.created_at, w.attempts, i.webhook_url, i.signing_secret`);
    if (result.rows.length > 0 && options.scheduleWakeup) {
      // Committed with the claim: if this worker dies, some worker still comes back at lease end.
      await options.scheduleWakeup(tx, new Date(Date.now() + options.leaseMs + 1_000));
    }
    return result.rows.map((r) => ({
      id: Number(r.id),
      workspaceId: r.workspace_id,
      integrationId: r.integration_id,
      conversationId: r.conversation_id,
      event: r.event,
      payload: r.payload,
      createdAt: new Date(r.created_at),
      attempts: r.attempts,
      webhookUrl: r.webhook_url,
      signingSecret: r.signing_secret,
    }));
  });
}

type Outcome = { delivered: true; status: number } | { delivered: false; status: number | null; error: string; permanent: boolean };

async function attempt(row: ClaimedRow, options: DrainOptions & { timeoutMs: number }): Promise<Outcome> {
  const body = deliveryBody(row);
  try {
    const response = await safePost(row.webhookUrl, {
      body,
      headers: deliveryHeaders(row, body, row.signingSecret, row.attempts),
      timeoutMs: options.timeoutMs,
      allowedHosts: options.allowedHosts,
    });
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
    const snippet = response.body.replace(/\s+/g, " ").trim().slice(0, 200);
    return { delivered: false, status: response.status, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}`, permanent: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { delivered: false, status: null, error: message.slice(0, 500), permanent: error instanceof SsrfRefusedError };
  }
}

/** Records an attempt's outcome, unless the lease was lost and another worker owns the row now. */
async function settle(db: Database, row: ClaimedRow, outcome: Outcome, options: DrainOptions & { maxAttempts: number }): Promise<void> {
  const owned = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, row.attempts));
  if (outcome.delivered) {
    await db
      .update(webhookDeliveries)
      .set({ status: "delivered", deliveredAt: sql`now()`, lastStatusCode: outcome.status, lastError: null })
      .where(owned);
    return;
  }
  const next = afterFailedAttempt(row.attempts, { permanent: outcome.permanent, maxAttempts: options.maxAttempts, backoffMs: options.backoffMs });
  const delayMs = next.status === "retry" ? next.delayMs : 0;
  await db
    .update(webhookDeliveries)
    .set({
      status: next.status === "retry" ? "pending" : "failed",
      nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lastStatusCode: outcome.status,
      lastError: outcome.error,
    })
    .where(owned);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** When the next pending row becomes due (a retry or a lease running out), or null. */
async function nextDueAt(db: Database): Promise<Date | null> {
  const [next] = await db
    .select({ at: min(webhookDeliveries.nextAttemptAt) })
    .from(webhookDeliveries)
    .innerJoin(integrations, and(eq(integrations.id, webhookDeliveries.integrationId), eq(integrations.enabled, true)))
    .where(eq(webhookDeliveries.status, "pending"));
  return next?.at ?? null;
}

/**
 * Integrations are an Enterprise feature: a workspace that moved to Free gets nothing delivered.
 * Its pending rows are closed as failed (not left pending, where they would hold back nothing
 * useful and grow forever); an owner who upgrades again can redeliver them from the log.
 */
async function failDeliveriesOfFreeWorkspaces(db: Database): Promise<void> {
  const withoutIntegrations = PLANS.filter((plan) => !isEnterprise(plan));
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: "Not sent: integrations need the Enterprise plan." })
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        inArray(webhookDeliveries.workspaceId, db.select({ id: workspaces.id }).from(workspaces).where(inArray(workspaces.plan, withoutIntegrations))),
      ),
    );
}

/**
 * Delivers due outbox rows until none are due or the time budget is spent, then makes sure a
 * drain runs when the next retry falls due. Returns how many attempts were made.
 */
export async function drainOutbox(options: DrainOptions = {}): Promise<number> {
  const db = options.db ?? getDb();
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const settings = {
    ...options,
    timeoutMs,
    batchSize: options.batchSize ?? 20,
    leaseMs: options.leaseMs ?? timeoutMs + 5_000,
    maxAttempts: options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS,
  };
  const deadline = Date.now() + (options.budgetMs ?? 25_000);
  await failDeliveriesOfFreeWorkspaces(db);
  let attempts = 0;
  while (Date.now() < deadline) {
    const rows = await claim(db, settings);
    if (rows.length === 0) break;
    await inBatches(rows, options.concurrency ?? 8, async (row) => {
      const outcome = await attempt(row, settings);
      await settle(db, row, outcome, settings);
    });
    attempts += rows.length;
  }
  if (options.scheduleWakeup) {
    const next = await nextDueAt(db);
    if (next) await options.scheduleWakeup(db, new Date(Math.max(next.getTime(), Date.now())));
  }
  return attempts;
}
