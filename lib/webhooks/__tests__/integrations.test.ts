import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_CHAT_CHANNEL_ID, GLOBEX_WORKSPACE_ID } from "../../db/seed/demo-identities";
import { seedDemoData } from "../../db/seed/demo-seed";
import { useTestDatabase } from "../../testing/test-database";
import { channelIntegration, listDeliveries, redeliver, rotateSigningSecret, saveIntegration } from "../integrations";
import { startReceiver } from "./receiver";

await useTestDatabase();

const acme = { workspaceId: ACME_WORKSPACE_ID, plan: "enterprise" as const, userId: DEMO_USERS[0].id };
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  await seedDemoData(getDb());
  receiver = await startReceiver("127.0.0.1");
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await receiver.close();
});

const input = (url: string) => ({ channelId: ACME_CHAT_CHANNEL_ID, name: "Amelia AI", webhookUrl: url, events: ["message.created" as const], enabled: true });

describe("integrations", () => {
  it("refuses a free workspace with enterprise_required", async () => {
    const globex = { workspaceId: GLOBEX_WORKSPACE_ID, plan: "free" as const, userId: DEMO_USERS[4].id };
    await expect(saveIntegration(getDb(), globex, { ...input("https://example.com/hook"), channelId: GLOBEX_CHAT_CHANNEL_ID })).rejects.toMatchObject({
      status: 403,
      code: "enterprise_required",
    });
  });

  it("refuses, at save time, a URL that points inside the network", async () => {
    for (const url of ["http://169.254.169.254/latest", "http://localhost/hook", "http://[::ffff:10.0.0.1]/hook"]) {
      await expect(saveIntegration(getDb(), acme, input(url))).rejects.toMatchObject({ code: "invalid_webhook_url" });
    }
    expect((await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID)).integration).toBeNull();
  });

  it("shows the signing secret once: on create and on rotation, never on update", async () => {
    const created = await saveIntegration(getDb(), acme, input(`http://127.0.0.1:${receiver.port}/hook`));
    expect(created.signingSecret).toMatch(/^whsec_/);
    const updated = await saveIntegration(getDb(), acme, { ...input(`http://127.0.0.1:${receiver.port}/hook2`), events: ["conversation.created", "message.created"] });
    expect(updated).toEqual({ integrationId: created.integrationId, signingSecret: null });
    const rotated = await rotateSigningSecret(getDb(), acme, created.integrationId);
    expect(rotated).not.toBe(created.signingSecret);
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    expect(integration).toMatchObject({ webhookUrl: `http://127.0.0.1:${receiver.port}/hook2`, events: ["conversation.created", "message.created"] });
    expect(JSON.stringify(integration)).not.toContain("whsec_");
  });

  it("is not found from another workspace", async () => {
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    const globexEnterprise = { workspaceId: GLOBEX_WORKSPACE_ID, plan: "enterprise" as const, userId: DEMO_USERS[4].id };
    await expect(rotateSigningSecret(getDb(), globexEnterprise, integration!.id)).rejects.toMatchObject({ status: 404 });
    await expect(channelIntegration(getDb(), GLOBEX_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID)).rejects.toMatchObject({ status: 404 });
  });

  it("redelivers a failed delivery as the same delivery and kicks the drain", async () => {
    const { integration } = await channelIntegration(getDb(), ACME_WORKSPACE_ID, ACME_CHAT_CHANNEL_ID);
    const inserted = await getDb().execute<{ id: string }>(sql`
      INSERT INTO webhook_deliveries (workspace_id, integration_id, event, payload, status, attempts, last_status_code)
      VALUES (${ACME_WORKSPACE_ID}, ${integration!.id}, 'message.created', '{}', 'failed', 12, 500) RETURNING id`);
    const id = Number(inserted.rows[0]!.id);
    await getDb().execute(sql`SELECT graphile_worker.remove_job('webhooks-drain:kick')`);
    await redeliver(getDb(), acme, id);
    const [row] = await listDeliveries(getDb(), ACME_WORKSPACE_ID, integration!.id);
    expect(row).toMatchObject({ id, status: "pending", attempts: 0 });
    const kicks = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = 'webhooks-drain:kick'`);
    expect(kicks.rows[0]!.n).toBe(1);
    await expect(redeliver(getDb(), acme, id)).rejects.toMatchObject({ code: "not_redeliverable" });
  });
});
