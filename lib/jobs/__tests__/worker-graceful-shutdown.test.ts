import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { childProcessEnv } from "@/lib/env";
import { startReceiver, waitFor, type ReceivedRequest } from "@/lib/testing/http-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { WEBHOOKS_DRAIN_TASK } from "@/lib/webhooks/drain-task";
import { createIntegration, deliveryRows, insertDeliveries } from "@/lib/webhooks/__tests__/outbox-fixtures";

const { url } = await useTestDatabase();
const WORKER = path.resolve(import.meta.dirname, "../../../scripts/worker.ts");

type Worker = { child: ChildProcess; output: () => string; exit: Promise<number | null> };
const started: Worker[] = [];

/** `npm run worker` itself (scripts/worker.ts under node, so the signal reaches the worker, not a wrapper). */
function startWorkerProcess(shutdownSeconds: number): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: process.cwd(),
    env: childProcessEnv({
      DATABASE_URL: url,
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      NODE_ENV: "test",
      PARLEY_LOG_PRETTY: "false",
      PARLEY_LOG_LEVEL: "info",
      PARLEY_SMTP_PORT: "",
      PARLEY_WORKER_SHUTDOWN_SECONDS: String(shutdownSeconds),
      WORKER_CONCURRENCY: "2",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const worker = { child, output: () => output, exit };
  started.push(worker);
  return worker;
}

/** Waits as waitFor does; on failure, says what the worker printed. */
async function waitWith<T>(worker: Worker, check: () => T | Promise<T>, timeoutMs: number, intervalMs?: number): Promise<NonNullable<T>> {
  try {
    return await waitFor(check, timeoutMs, intervalMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the worker (exit ${worker.child.exitCode ?? "none"}) printed:\n${worker.output().slice(-3000)}`);
  }
}

const running = (worker: Worker) => waitWith(worker, () => worker.output().includes('"msg":"worker is running"'), 120_000);

const logLines = (worker: Worker) =>
  worker
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg: string; level: string; jobs?: string[] });

async function lockedDrainJobs(): Promise<{ id: string; locked_by: string | null }[]> {
  const result = await getDb().execute<{ id: string; locked_by: string | null }>(
    sql`SELECT id::text, locked_by FROM graphile_worker.jobs WHERE task_identifier = ${WEBHOOKS_DRAIN_TASK} AND locked_by IS NOT NULL`,
  );
  return result.rows;
}

async function drainJob(id: string) {
  const result = await getDb().execute<{ id: string; locked_by: string | null }>(sql`SELECT id::text, locked_by FROM graphile_worker.jobs WHERE id = ${id}::bigint`);
  return result.rows[0] ?? null;
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  await seedDemoData(getDb());
  receiver = await startReceiver("127.0.0.1");
});
afterAll(async () => {
  for (const worker of started) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
  await receiver.close();
});

const idOf = (request: ReceivedRequest) => Number(request.headers["parley-delivery-id"]);

describe("SIGTERM to a worker", () => {
  it("lets the job in flight finish, then exits cleanly", { timeout: 240_000 }, async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/graceful`);
    receiver.setResponder(() => "hang");
    const [delivery] = await insertDeliveries(integration.id, [{ conversationId: crypto.randomUUID(), event: "conversation.created" }]);

    const worker = startWorkerProcess(120);
    await running(worker);
    // In flight: the drain job holds its lock while it waits for the receiver's answer.
    await waitWith(worker, () => receiver.received.some((r) => idOf(r) === delivery), 60_000);
    const [job] = await waitFor(async () => {
      const jobs = await lockedDrainJobs();
      return jobs.length > 0 ? jobs : null;
    });

    worker.child.kill("SIGTERM");
    await waitWith(worker, () => logLines(worker).some((line) => line.msg.startsWith("stopping: letting the jobs in flight finish")), 30_000);
    // The signal has been handled and the worker is still there, waiting for its job.
    expect(worker.child.exitCode).toBeNull();
    receiver.releaseHanging(200);

    expect(await worker.exit).toBe(0);
    expect((await deliveryRows(integration.id)).find((row) => row.id === delivery)).toMatchObject({ status: "delivered", attempts: 1 });
    expect(receiver.received.filter((r) => idOf(r) === delivery)).toHaveLength(1);
    // The job completed (graphile-worker deletes a finished job) rather than being handed back.
    expect(await drainJob(job!.id)).toBeNull();
    expect(logLines(worker).some((line) => line.msg.includes("handed back"))).toBe(false);
  });

  it("hands a job still running at the timeout back for another worker, which completes it", { timeout: 300_000 }, async () => {
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/timeout`);
    const [delivery] = await insertDeliveries(integration.id, [{ conversationId: crypto.randomUUID(), event: "conversation.created" }]);
    // The first attempt never gets an answer; any later one does.
    receiver.setResponder((request) => (idOf(request) === delivery && receiver.received.filter((r) => idOf(r) === delivery).length === 1 ? "hang" : { status: 200 }));

    const first = startWorkerProcess(1);
    await running(first);
    await waitWith(first, () => receiver.received.some((r) => idOf(r) === delivery), 60_000);
    const [job] = await waitFor(async () => {
      const jobs = await lockedDrainJobs();
      return jobs.length > 0 ? jobs : null;
    });

    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    const handedBack = logLines(first).find((line) => line.msg.includes("handed back"));
    expect(handedBack?.jobs).toContain(job!.id);
    // Unlocked by the stopping worker itself (no other worker is running to notice it died), and
    // not completed: the delivery it was making is still to be made.
    expect(await drainJob(job!.id)).toMatchObject({ id: job!.id, locked_by: null });
    expect((await deliveryRows(integration.id)).find((row) => row.id === delivery)).toMatchObject({ status: "pending" });

    const second = startWorkerProcess(120);
    await running(second);
    await waitWith(second, async () => (await deliveryRows(integration.id)).find((row) => row.id === delivery)?.status === "delivered", 90_000, 250);
    expect(receiver.received.filter((r) => idOf(r) === delivery).length).toBeGreaterThanOrEqual(2);
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
  });
});
