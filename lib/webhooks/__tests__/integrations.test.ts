import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/api-keys";
import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/platform";
import { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_CHAT_CHANNEL_ID, GLOBEX_WORKSPACE_ID } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { runService } from "@/lib/services/run-service";
import type { ServiceScope } from "@/lib/testing/service-scope";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { channelIntegration, deleteIntegration, listDeliveries, redeliver, rotateSigningSecret, saveIntegration } from "@/lib/webhooks/integrations";
import type { SaveIntegrationInput } from "@/lib/webhooks/integrations.validation";
import { startReceiver } from "@/lib/testing/http-receiver";

await useTestDatabase();

let acme: ServiceScope;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  await seedDemoData(getDb());
  acme = await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id);
  receiver = await startReceiver("127.0.0.1");
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await receiver.close();
});

const input = (url: string): SaveIntegrationInput => ({ channelId: ACME_CHAT_CHANNEL_ID, name: "Amelia AI", webhookUrl: url, events: ["message.created"], enabled: true });

describe("integrations", () => {
  it("refuses a free workspace with enterprise_required", async () => {
    const globex = await asMember(GLOBEX_WORKSPACE_ID, DEMO_USERS[4].id);
    await expect(runService(globex, saveIntegration, { ...input("https://example.com/hook"), channelId: GLOBEX_CHAT_CHANNEL_ID })).rejects.toMatchObject({
      status: 403,
      code: "enterprise_required",
    });
  });

  it("refuses, at save time, a URL that points inside the network", async () => {
    for (const url of ["http://169.254.169.254/latest", "http://localhost/hook", "http://[::ffff:10.0.0.1]/hook", "http://[::ffff:0:a00:1]/hook"]) {
      await expect(runService(acme, saveIntegration, input(url))).rejects.toMatchObject({ code: "invalid_webhook_url" });
    }
    expect((await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID)).integration).toBeNull();
  });

  it("shows the signing secret once: on create and on rotation, never on update", async () => {
    const created = await runService(acme, saveIntegration, input(`http://127.0.0.1:${receiver.port}/hook`));
    expect(created.signingSecret).toMatch(/^whsec_/);
    const updated = await runService(acme, saveIntegration, { ...input(`http://127.0.0.1:${receiver.port}/hook2`), events: ["conversation.created", "message.created"] });
    expect(updated).toEqual({ integrationId: created.integrationId, signingSecret: null });
    const rotated = await runService(acme, rotateSigningSecret, { integrationId: created.integrationId });
    expect(rotated.signingSecret).not.toBe(created.signingSecret);
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    expect(integration).toMatchObject({ webhookUrl: `http://127.0.0.1:${receiver.port}/hook2`, events: ["conversation.created", "message.created"] });
    expect(JSON.stringify(integration)).not.toContain("whsec_");
  });

  it("is not found from another workspace", async () => {
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    // On Enterprise too, so what refuses is the workspace, not the plan gate.
    const globexEnterprise: ServiceScope = { ...(await asMember(GLOBEX_WORKSPACE_ID, DEMO_USERS[4].id)), workspace: { id: GLOBEX_WORKSPACE_ID, plan: "enterprise" } };
    await expect(runService(globexEnterprise, rotateSigningSecret, { integrationId: integration!.id })).rejects.toMatchObject({ status: 404 });
    await expect(channelIntegration(getDb(), GLOBEX_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID)).rejects.toMatchObject({ status: 404 });
  });

  it("redelivers a failed delivery as the same delivery and kicks the drain", async () => {
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    const inserted = await getDb().execute<{ id: string }>(sql`
      INSERT INTO webhook_deliveries (workspace_id, integration_id, event, payload, status, attempts, last_status_code)
      VALUES (${ACME_WORKSPACE_ID}, ${integration!.id}, 'message.created', '{}', 'failed', 12, 500) RETURNING id`);
    const id = Number(inserted.rows[0]!.id);
    await getDb().execute(sql`SELECT graphile_worker.remove_job('webhooks-drain:kick')`);
    await runService(acme, redeliver, { deliveryId: id });
    const [row] = await listDeliveries(getDb(), ACME_WORKSPACE_ID, integration!.id);
    expect(row).toMatchObject({ id, status: "pending", attempts: 0 });
    const kicks = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = 'webhooks-drain:kick'`);
    expect(kicks.rows[0]!.n).toBe(1);
    await expect(runService(acme, redeliver, { deliveryId: id })).rejects.toMatchObject({ code: "not_redeliverable" });
  });

  it("audits each change through the one audit writer: a member by their user, an API key by the key", async () => {
    const latest = async () =>
      (await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ACME_WORKSPACE_ID), eq(auditLog.targetType, "integration"))).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(1))[0];
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    await runService(acme, rotateSigningSecret, { integrationId: integration!.id });
    expect(await latest()).toMatchObject({ action: "integration.secret_rotated", actorUserId: DEMO_USERS[0].id, targetId: integration!.id });

    const key = await runService(acme, createApiKey, { name: "Deploy bot", scopes: ["conversations:write"] });
    const asKey: ServiceScope = { workspace: acme.workspace, actor: { type: "api_key", apiKeyId: key.id, name: key.name } };
    await runService(asKey, deleteIntegration, { integrationId: integration!.id });
    expect(await latest()).toMatchObject({ action: "integration.deleted", actorUserId: null, targetId: integration!.id, data: { apiKeyId: key.id } });
  });
});
