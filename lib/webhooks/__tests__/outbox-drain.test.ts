import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { useTestDatabase } from "@/lib/testing/test-database";
import { drainOutbox, type DrainOptions } from "@/lib/webhooks/outbox-drain";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { createIntegration, deliveryRows, insertDeliveries, startThirdPartyConversation } from "./outbox-fixtures";
import { startReceiver, type ReceivedRequest } from "@/lib/testing/http-receiver";

await useTestDatabase();

let receiver: Awaited<ReturnType<typeof startReceiver>>;
const allowedHosts = new Set(["127.0.0.1"]);
const drain = (options: DrainOptions = {}) => drainOutbox({ allowedHosts, timeoutMs: 2_000, ...options });
const idOf = (request: ReceivedRequest) => Number(request.headers["parley-delivery-id"]);

beforeAll(async () => {
  await seedDemoData(getDb());
  receiver = await startReceiver("127.0.0.1");
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await getDb().execute(sql`DELETE FROM webhook_deliveries`);
  receiver.received.length = 0;
  receiver.setResponder(() => ({ status: 200 }));
});

describe("the webhook outbox drain", () => {
  it("delivers the state machine's events signed, in order, with a stable delivery id", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const started = await startThirdPartyConversation("Hi, this is Amelia");

    expect(await drain()).toBe(3);
    expect(receiver.received.map((r) => r.headers["parley-event"])).toEqual(["conversation.created", "message.created", "conversation.opened"]);
    for (const request of receiver.received) {
      const verified = verifyWebhookSignature({ secret: integration.signingSecret, header: request.headers["parley-signature"] as string, rawBody: request.body });
      expect(verified.ok).toBe(true);
      const body = JSON.parse(request.body) as { id: string; event: string; data: { conversation: { id: string } } };
      expect(body.id).toBe(request.headers["parley-delivery-id"]);
      expect(body.data.conversation.id).toBe(started.conversationId);
    }
    expect(JSON.parse(receiver.received[1]!.body).data.message.text).toBe("Hi, this is Amelia");
    // The wrong secret does not verify: the signature really depends on it.
    const first = receiver.received[0]!;
    expect(verifyWebhookSignature({ secret: "whsec_wrong", header: first.headers["parley-signature"] as string, rawBody: first.body }).ok).toBe(false);

    const rows = await deliveryRows(integration.id);
    expect(rows.map((r) => [r.status, r.attempts, r.last_status_code])).toEqual([
      ["delivered", 1, 200],
      ["delivered", 1, 200],
      ["delivered", 1, 200],
    ]);
    expect(await drain()).toBe(0);
  });

  it("queues a drain job in the transaction that writes outbox rows", async () => {
    const kicks = async () =>
      (await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = 'webhooks-drain:kick'`)).rows[0]!.n;
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    await getDb().execute(sql`SELECT graphile_worker.remove_job('webhooks-drain:kick')`);
    expect(await kicks()).toBe(0);
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`SELECT graphile_worker.remove_job('webhooks-drain:kick')`);
      await tx.execute(sql`INSERT INTO webhook_deliveries (workspace_id, integration_id, event, payload)
        SELECT workspace_id, id, 'message.created', '{}' FROM integrations WHERE id = ${integration.id}`);
      expect(await kicks()).toBe(1);
      tx.rollback();
    }).catch(() => {});
    // Rolled back with the rows: no drain for a change that never happened.
    expect(await kicks()).toBe(0);
    await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    expect(await kicks()).toBe(1);
  });

  it("retries after a 500 with exponential backoff, then delivers the same body", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const [id] = await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    receiver.setResponder(() => ({ status: 500, body: "database down" }));

    await drain();
    let [row] = await deliveryRows(integration.id);
    expect(row).toMatchObject({ id, status: "pending", attempts: 1, last_status_code: 500, last_error: "HTTP 500: database down" });
    // First retry after 5-10 s (10 s base, half jittered).
    expect(row!.due_in_ms).toBeGreaterThan(4_000);
    expect(row!.due_in_ms).toBeLessThanOrEqual(10_000);
    expect(await drain()).toBe(0);

    await getDb().execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${id}`);
    await drain();
    [row] = await deliveryRows(integration.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, last_status_code: 500 });
    expect(row!.due_in_ms).toBeGreaterThan(9_000);
    expect(row!.due_in_ms).toBeLessThanOrEqual(20_000);

    receiver.setResponder(() => ({ status: 204 }));
    await getDb().execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${id}`);
    await drain();
    [row] = await deliveryRows(integration.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, last_status_code: 204, last_error: null });
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received.map((r) => r.headers["parley-attempt"])).toEqual(["1", "2", "3"]);
  });

  it("retries after a timeout", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    receiver.setResponder((_r, index) => (index === 0 ? "hang" : { status: 200 }));

    await drain({ timeoutMs: 300, backoffMs: () => 0 });
    const [row] = await deliveryRows(integration.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
  });

  it("never delivers a later event of a conversation while an earlier one is retrying", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const a = randomUUID();
    const b = randomUUID();
    const [a1, b1, a2, b2, a3] = await insertDeliveries(integration.id, [
      { conversationId: a, event: "conversation.created" },
      { conversationId: b, event: "conversation.created" },
      { conversationId: a, event: "message.created" },
      { conversationId: b, event: "message.created" },
      { conversationId: a, event: "conversation.closed" },
    ]);
    receiver.setResponder((request) => (idOf(request) === a1 ? { status: 503 } : { status: 200 }));

    await drain();
    expect(receiver.received.map(idOf)).toEqual([a1, b1, b2]);
    expect((await deliveryRows(integration.id)).filter((r) => r.status === "pending").map((r) => r.id)).toEqual([a1, a2, a3]);

    receiver.setResponder(() => ({ status: 200 }));
    await getDb().execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${a1!}`);
    await drain();
    expect(receiver.received.map(idOf)).toEqual([a1, b1, b2, a1, a2, a3]);
  });

  it("marks a delivery failed after the last attempt, and the conversation's later events go on", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const conversation = randomUUID();
    const [first, second] = await insertDeliveries(integration.id, [
      { conversationId: conversation, event: "conversation.created" },
      { conversationId: conversation, event: "message.created" },
    ]);
    receiver.setResponder((request) => (idOf(request) === first ? { status: 500 } : { status: 200 }));

    await drain({ maxAttempts: 3, backoffMs: () => 0 });
    const rows = await deliveryRows(integration.id);
    expect(rows.map((r) => [r.id, r.status, r.attempts])).toEqual([
      [first, "failed", 3],
      [second, "delivered", 1],
    ]);
  });

  it("fails at once, without retrying, a URL that resolves to a private address", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    await drain({ allowedHosts: new Set() });
    const [row] = await deliveryRows(integration.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, last_status_code: null });
    expect(row!.last_error).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  it("holds deliveries of a disabled integration until it is enabled again", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    await getDb().execute(sql`UPDATE integrations SET enabled = false WHERE id = ${integration.id}`);
    expect(await drain()).toBe(0);
    await getDb().execute(sql`UPDATE integrations SET enabled = true WHERE id = ${integration.id}`);
    expect(await drain()).toBe(1);
  });

  it("delivers nothing for a workspace on the Free plan", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    await insertDeliveries(integration.id, [{ conversationId: randomUUID(), event: "message.created" }]);
    await getDb().execute(sql`UPDATE workspaces SET plan = 'free' WHERE id = ${integration.workspaceId}`);
    try {
      expect(await drain()).toBe(0);
      expect(receiver.received).toHaveLength(0);
      const [row] = await deliveryRows(integration.id);
      expect(row).toMatchObject({ status: "failed", attempts: 0, last_error: "Not sent: integrations need the Enterprise plan." });
    } finally {
      await getDb().execute(sql`UPDATE workspaces SET plan = 'enterprise' WHERE id = ${integration.workspaceId}`);
    }
  });

  it("lets several drains run at once without delivering a row twice or out of order", async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const conversations = [randomUUID(), randomUUID(), randomUUID()];
    const ids = await insertDeliveries(
      integration.id,
      Array.from({ length: 30 }, (_, i) => ({ conversationId: conversations[i % 3]!, event: "message.created" })),
    );
    receiver.setResponder(() => ({ status: 200 }));
    await Promise.all([drain({ batchSize: 2 }), drain({ batchSize: 3 }), drain({ batchSize: 5 })]);

    const delivered = receiver.received.map(idOf);
    expect([...delivered].sort((x, y) => x - y)).toEqual(ids);
    for (const conversation of conversations) {
      const own = receiver.received.filter((r) => (JSON.parse(r.body) as { data: unknown }) && ids.includes(idOf(r)));
      const order = own.map(idOf).filter((id) => ids.indexOf(id) % 3 === conversations.indexOf(conversation));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });
});
