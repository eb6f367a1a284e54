import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { childProcessEnv } from "@/lib/env";
import { useTestDatabase } from "@/lib/testing/test-database";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { createIntegration, deliveryRows, insertDeliveries } from "./outbox-fixtures";
import { startReceiver, waitFor, type ReceivedRequest } from "@/lib/testing/http-receiver";

const { url } = await useTestDatabase();

let receiver: Awaited<ReturnType<typeof startReceiver>>;
const workers: ChildProcess[] = [];

/** `npx tsx` runs the worker in a child of its own; a process group lets SIGKILL reach all of them. */
function spawnWorker(): ChildProcess {
  const child = spawn("npx", ["tsx", path.join(import.meta.dirname, "worker-process.ts")], {
    cwd: process.cwd(),
    env: childProcessEnv({ DATABASE_URL: url, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", NODE_ENV: "test" }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`));
  workers.push(child);
  return child;
}

function killGroup(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}

beforeAll(async () => {
  await seedDemoData(getDb());
  receiver = await startReceiver("127.0.0.1");
});
afterAll(async () => {
  for (const child of workers) {
    try {
      killGroup(child);
    } catch {
      // Already gone.
    }
  }
  await receiver.close();
});

const idOf = (request: ReceivedRequest) => Number(request.headers["parley-delivery-id"]);

describe("a worker killed mid-delivery", () => {
  it("loses nothing: another worker delivers the interrupted event and everything after it, in order", { timeout: 120_000 }, async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/parley`);
    const a = randomUUID();
    const b = randomUUID();
    const ids = await insertDeliveries(integration.id, [
      { conversationId: a, event: "conversation.created" },
      { conversationId: b, event: "conversation.created" },
      { conversationId: a, event: "message.created" },
      { conversationId: b, event: "message.created" },
      { conversationId: a, event: "conversation.closed" },
    ]);
    const interrupted = ids[0]!;
    // The first attempt at a's first event never gets an answer: the worker is killed while waiting.
    receiver.setResponder((request) => (idOf(request) === interrupted && receiver.received.filter((r) => idOf(r) === interrupted).length === 1 ? "hang" : { status: 200 }));

    const first = spawnWorker();
    await waitFor(() => receiver.received.some((r) => idOf(r) === interrupted), 60_000);
    killGroup(first);
    await waitFor(() => first.exitCode !== null || first.signalCode !== null, 10_000);

    const rowsAtKill = await deliveryRows(integration.id);
    expect(rowsAtKill.find((r) => r.id === interrupted)).toMatchObject({ status: "pending", attempts: 1 });
    const recordedAtKill = new Set(rowsAtKill.filter((r) => r.status === "delivered").map((r) => r.id));

    spawnWorker();
    await waitFor(async () => (await deliveryRows(integration.id)).every((r) => r.status === "delivered"), 90_000, 250);

    const received = receiver.received.map(idOf);
    expect(new Set(received)).toEqual(new Set(ids));
    // At-least-once: the interrupted delivery was sent twice, with the same id and body. Another
    // may be too when the kill landed between its 200 and its row being marked, never one that
    // was already recorded as delivered.
    expect(received.filter((id) => id === interrupted)).toHaveLength(2);
    const duplicated = new Set(received.filter((id, index) => received.indexOf(id) !== index));
    for (const id of duplicated) expect(recordedAtKill.has(id)).toBe(false);
    for (const id of ids) expect(received.filter((r) => r === id)).toHaveLength(duplicated.has(id) ? 2 : 1);
    const copies = receiver.received.filter((r) => idOf(r) === interrupted);
    expect(copies[0]!.body).toBe(copies[1]!.body);
    for (const request of receiver.received) {
      expect(verifyWebhookSignature({ secret: integration.signingSecret, header: request.headers["parley-signature"] as string, rawBody: request.body }).ok).toBe(true);
    }
    // Order per conversation, counting each delivery's first arrival.
    const firstArrival = [...new Set(received)];
    const ofA = firstArrival.filter((id) => [ids[0], ids[2], ids[4]].includes(id));
    expect(ofA).toEqual([ids[0], ids[2], ids[4]]);
    // a's later events waited for the interrupted one.
    expect(received.indexOf(ids[2]!)).toBeGreaterThan(received.lastIndexOf(interrupted));
    const jobs = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status <> 'delivered'`);
    expect(jobs.rows[0]!.n).toBe(0);
  });
});
