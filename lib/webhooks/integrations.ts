import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { channels, integrations } from "../db/schema/channels";
import { auditLog, webhookDeliveries } from "../db/schema/platform";
import { notFound, SafeError } from "../errors";
import type { Plan } from "../plans/plan";
import { assertEnterprise } from "../plans/require-enterprise";
import { kickWebhookDrain } from "./drain-task";
import type { WebhookEvent } from "./events";
import { generateSigningSecret } from "./signing-secret";
import { checkWebhookDestination } from "./webhook-url";

const FEATURE = "Channel integrations";

type Actor = { workspaceId: string; plan: Plan; userId: string };

async function channelOf(db: DbOrTx, workspaceId: string, channelId: string) {
  const [channel] = await db.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!channel) throw notFound("That channel");
  return channel;
}

async function record(db: DbOrTx, actor: Actor, action: string, targetId: string, data: Record<string, unknown> = {}) {
  await db.insert(auditLog).values({ workspaceId: actor.workspaceId, actorUserId: actor.userId, action, targetType: "integration", targetId, data });
}

/**
 * Creates or updates a channel's integration. The URL is checked where it points (not only its
 * shape) before anything is stored. A new integration gets a signing secret, returned here once.
 */
export async function saveIntegration(
  db: DbOrTx,
  actor: Actor,
  input: { channelId: string; name: string; webhookUrl: string; events: WebhookEvent[]; enabled: boolean },
): Promise<{ integrationId: string; signingSecret: string | null }> {
  assertEnterprise(actor.plan, FEATURE);
  await channelOf(db, actor.workspaceId, input.channelId);
  const problem = await checkWebhookDestination(input.webhookUrl);
  if (problem) throw new SafeError("invalid_webhook_url", problem);

  const [existing] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.channelId, input.channelId), eq(integrations.workspaceId, actor.workspaceId)));
  const fields = { name: input.name, webhookUrl: input.webhookUrl, events: input.events, enabled: input.enabled };
  if (existing) {
    await db.update(integrations).set(fields).where(and(eq(integrations.id, existing.id), eq(integrations.workspaceId, actor.workspaceId)));
    await record(db, actor, "integration.updated", existing.id, { webhookUrl: input.webhookUrl, events: input.events, enabled: input.enabled });
    return { integrationId: existing.id, signingSecret: null };
  }
  const signingSecret = generateSigningSecret();
  const [created] = await db
    .insert(integrations)
    .values({ workspaceId: actor.workspaceId, channelId: input.channelId, signingSecret, ...fields })
    // A concurrent create for the same channel: the unique (channel) index makes the second one an update.
    .onConflictDoUpdate({ target: integrations.channelId, set: fields })
    .returning({ id: integrations.id, signingSecret: integrations.signingSecret });
  await record(db, actor, "integration.created", created!.id, { webhookUrl: input.webhookUrl, events: input.events });
  return { integrationId: created!.id, signingSecret: created!.signingSecret === signingSecret ? signingSecret : null };
}

/** A new signing secret, effective for the next delivery; returned once. */
export async function rotateSigningSecret(db: DbOrTx, actor: Actor, integrationId: string): Promise<string> {
  assertEnterprise(actor.plan, FEATURE);
  const signingSecret = generateSigningSecret();
  const updated = await db
    .update(integrations)
    .set({ signingSecret })
    .where(and(eq(integrations.id, integrationId), eq(integrations.workspaceId, actor.workspaceId)))
    .returning({ id: integrations.id });
  if (updated.length === 0) throw notFound("That integration");
  await record(db, actor, "integration.secret_rotated", integrationId);
  return signingSecret;
}

export async function deleteIntegration(db: DbOrTx, actor: Actor, integrationId: string): Promise<void> {
  const deleted = await db
    .delete(integrations)
    .where(and(eq(integrations.id, integrationId), eq(integrations.workspaceId, actor.workspaceId)))
    .returning({ id: integrations.id });
  if (deleted.length === 0) throw notFound("That integration");
  await record(db, actor, "integration.deleted", integrationId);
}

/**
 * Sends a delivered or failed event again, as the same delivery (same id, so a receiver that
 * already handled it can tell), with a fresh set of attempts.
 */
export async function redeliver(db: DbOrTx, actor: Actor, deliveryId: number): Promise<void> {
  assertEnterprise(actor.plan, FEATURE);
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lastError: null, deliveredAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, actor.workspaceId), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) throw new SafeError("not_redeliverable", "That delivery is already waiting to be sent, or does not exist.");
  await kickWebhookDrain(db);
  await record(db, actor, "integration.redelivered", String(deliveryId));
}

export async function listIntegrations(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      channelId: channels.id,
      channelName: channels.name,
      channelKind: channels.kind,
      integrationId: integrations.id,
      name: integrations.name,
      webhookUrl: integrations.webhookUrl,
      events: integrations.events,
      enabled: integrations.enabled,
      failed: sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.integration_id = ${integrations.id} AND d.status = 'failed')`,
    })
    .from(channels)
    .leftJoin(integrations, and(eq(integrations.channelId, channels.id), eq(integrations.workspaceId, workspaceId)))
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(channels.kind, channels.name);
}

export async function channelIntegration(db: DbOrTx, workspaceId: string, channelId: string) {
  const channel = await channelOf(db, workspaceId, channelId);
  const [integration] = await db
    .select({
      id: integrations.id,
      name: integrations.name,
      webhookUrl: integrations.webhookUrl,
      events: integrations.events,
      enabled: integrations.enabled,
      createdAt: integrations.createdAt,
    })
    .from(integrations)
    .where(and(eq(integrations.channelId, channelId), eq(integrations.workspaceId, workspaceId)));
  return { channel, integration: integration ?? null };
}

export async function listDeliveries(db: DbOrTx, workspaceId: string, integrationId: string, limit = 50) {
  return db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      conversationId: webhookDeliveries.conversationId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.integrationId, integrationId), eq(webhookDeliveries.workspaceId, workspaceId)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}
