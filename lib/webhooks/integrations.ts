import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { channels, integrations } from "@/lib/db/schema/channels";
import { webhookDeliveries } from "@/lib/db/schema/platform";
import { notFound, SafeError } from "@/lib/errors";
import { assertEnterprise } from "@/lib/plans/require-enterprise";
import { audit, type AuditEntry } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { checkOutboundDestination } from "@/lib/net/destination-url";
import { kickWebhookDrain } from "./drain-task";
import type { IntegrationRefInput, RedeliverInput, SaveIntegrationInput } from "./integrations.validation";
import { generateSigningSecret } from "./signing-secret";

// Channel integrations (signed webhooks to a third-party system). Who may change them (owners
// and admins) is the caller's check; the Enterprise gate is each service's, so every path to a
// change meets it. Removing one stays possible on Free, so a downgraded workspace can tidy up.

const FEATURE = "Channel integrations";

async function channelOf(db: DbOrTx, workspaceId: string, channelId: string) {
  const [channel] = await db.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!channel) throw notFound("That channel");
  return channel;
}

const integrationEntry = (action: AuditEntry["action"], integrationId: string, data?: Record<string, unknown>): AuditEntry => ({
  action,
  target: { type: "integration", id: integrationId },
  data,
});

/**
 * Creates or updates a channel's integration. The URL is checked where it points (not only its
 * shape) before anything is stored. A new integration gets a signing secret, returned here once.
 */
export async function saveIntegration(ctx: ServiceContext, input: SaveIntegrationInput): Promise<{ integrationId: string; signingSecret: string | null }> {
  assertEnterprise(ctx.workspace.plan, FEATURE);
  const workspaceId = ctx.workspace.id;
  await channelOf(ctx.tx, workspaceId, input.channelId);
  const problem = await checkOutboundDestination(input.webhookUrl);
  if (problem) throw new SafeError("invalid_webhook_url", problem);

  const [existing] = await ctx.tx
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.channelId, input.channelId), eq(integrations.workspaceId, workspaceId)));
  const fields = { name: input.name, webhookUrl: input.webhookUrl, events: input.events, enabled: input.enabled };
  if (existing) {
    await ctx.tx.update(integrations).set(fields).where(and(eq(integrations.id, existing.id), eq(integrations.workspaceId, workspaceId)));
    await audit(ctx, integrationEntry("integration.updated", existing.id, { webhookUrl: input.webhookUrl, events: input.events, enabled: input.enabled }));
    return { integrationId: existing.id, signingSecret: null };
  }
  const signingSecret = generateSigningSecret();
  const [created] = await ctx.tx
    .insert(integrations)
    .values({ workspaceId, channelId: input.channelId, signingSecret, ...fields })
    // A concurrent create for the same channel: the unique (channel) index makes the second one an update.
    .onConflictDoUpdate({ target: integrations.channelId, set: fields })
    .returning({ id: integrations.id, signingSecret: integrations.signingSecret });
  await audit(ctx, integrationEntry("integration.created", created!.id, { webhookUrl: input.webhookUrl, events: input.events }));
  return { integrationId: created!.id, signingSecret: created!.signingSecret === signingSecret ? signingSecret : null };
}

/** A new signing secret, effective for the next delivery; returned once. */
export async function rotateSigningSecret(ctx: ServiceContext, input: IntegrationRefInput): Promise<{ signingSecret: string }> {
  assertEnterprise(ctx.workspace.plan, FEATURE);
  const signingSecret = generateSigningSecret();
  const updated = await ctx.tx
    .update(integrations)
    .set({ signingSecret })
    .where(and(eq(integrations.id, input.integrationId), eq(integrations.workspaceId, ctx.workspace.id)))
    .returning({ id: integrations.id });
  if (updated.length === 0) throw notFound("That integration");
  await audit(ctx, integrationEntry("integration.secret_rotated", input.integrationId));
  return { signingSecret };
}

export async function deleteIntegration(ctx: ServiceContext, input: IntegrationRefInput): Promise<{ deleted: true }> {
  const deleted = await ctx.tx
    .delete(integrations)
    .where(and(eq(integrations.id, input.integrationId), eq(integrations.workspaceId, ctx.workspace.id)))
    .returning({ id: integrations.id });
  if (deleted.length === 0) throw notFound("That integration");
  await audit(ctx, integrationEntry("integration.deleted", input.integrationId));
  return { deleted: true };
}

/**
 * Sends a delivered or failed event again, as the same delivery (same id, so a receiver that
 * already handled it can tell), with a fresh set of attempts.
 */
export async function redeliver(ctx: ServiceContext, input: RedeliverInput): Promise<{ queued: true }> {
  assertEnterprise(ctx.workspace.plan, FEATURE);
  const updated = await ctx.tx
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lastError: null, deliveredAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, input.deliveryId),
        eq(webhookDeliveries.workspaceId, ctx.workspace.id),
        sql`${webhookDeliveries.status} <> 'pending'`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) throw new SafeError("not_redeliverable", "That delivery is already waiting to be sent, or does not exist.");
  await kickWebhookDrain(ctx.tx);
  await audit(ctx, integrationEntry("integration.redelivered", String(input.deliveryId)));
  return { queued: true };
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
