import { sql } from "drizzle-orm";
import type { ChaosScenario } from "@/lib/chaos/chaos-scenario";
import { startChaosDatabase } from "@/lib/chaos/chaos-database";
import { queueWebhooks } from "@/lib/chaos/chaos-fixture";
import { getDb } from "@/lib/db/client";
import { jsonLogLines, killProcessGroup, startWorkerScript, waitUntil, type WorkerProcess } from "@/lib/testing/child-processes";
import { startReceiver, type ReceivedRequest } from "@/lib/testing/http-receiver";
import { WEBHOOKS_DRAIN_TASK } from "@/lib/webhooks/drain-task";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const idOf = (request: ReceivedRequest) => Number(request.headers["parley-delivery-id"]);

function check(condition: boolean, what: string, log: (line: string) => void) {
  if (!condition) throw new Error(`check failed: ${what}`);
  log(`checked: ${what}`);
}

async function lockedDrainJob(): Promise<string | null> {
  const result = await getDb().execute<{ id: string }>(sql`SELECT id::text FROM graphile_worker.jobs WHERE task_identifier = ${WEBHOOKS_DRAIN_TASK} AND locked_by IS NOT NULL LIMIT 1`);
  return result.rows[0]?.id ?? null;
}

async function job(id: string) {
  const result = await getDb().execute<{ id: string; locked_by: string | null }>(sql`SELECT id::text, locked_by FROM graphile_worker.jobs WHERE id = ${id}::bigint`);
  return result.rows[0] ?? null;
}

async function delivery(id: number) {
  const result = await getDb().execute<{ status: string; attempts: number }>(sql`SELECT status, attempts FROM webhook_deliveries WHERE id = ${id}`);
  return result.rows[0]!;
}

/**
 * `npm run worker` gets SIGTERM with a webhook delivery in flight (the receiver holds the request
 * open). The same with every length: the short version is the whole scenario.
 */
export const scenario: ChaosScenario = {
  name: "worker-sigterm",
  description: "SIGTERM to `npm run worker` lets the job in flight finish before it exits; one still running at the shutdown timeout is handed back and another worker completes it.",
  run: async ({ log }) => {
    const db = await startChaosDatabase("worker-sigterm", log);
    const receiver = await startReceiver("127.0.0.1");
    const workers: WorkerProcess[] = [];
    const start = (shutdownSeconds: number) => {
      const worker = startWorkerScript(db.url, { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", PARLEY_WORKER_SHUTDOWN_SECONDS: String(shutdownSeconds), WORKER_CONCURRENCY: "2" });
      workers.push(worker);
      return worker;
    };
    try {
      const ws = await createWorkspaceFixture(getDb());

      // 1. The job in flight finishes.
      receiver.setResponder(() => "hang");
      const first = await queueWebhooks(ws, `http://127.0.0.1:${receiver.port}/graceful`, 1);
      const patient = start(120);
      await patient.ready;
      await waitUntil(() => receiver.received.some((r) => idOf(r) === first.ids[0]), { what: "the delivery to reach the receiver", process: patient });
      const inFlight = await waitUntil(lockedDrainJob, { what: "the drain job to be locked" });
      log(`worker pid ${patient.child.pid} is delivering webhook ${first.ids[0]} (job ${inFlight}); the receiver holds the request open`);
      await killProcessGroup(patient, "SIGTERM");
      log("sent SIGTERM (shutdown timeout 120 s)");
      await waitUntil(() => jsonLogLines(patient).some((line) => line.msg.startsWith("stopping: letting the jobs in flight finish")), { what: "the worker to start stopping", process: patient });
      check(patient.alive(), "after SIGTERM the worker is still running, waiting for its job", log);
      receiver.releaseHanging(200);
      log("the receiver answered 200");
      const code = await patient.exit;
      check(code === 0, `the worker then exited with code 0 (got ${code})`, log);
      const settled = await delivery(first.ids[0]!);
      check(settled.status === "delivered" && settled.attempts === 1, `the delivery is recorded delivered after 1 attempt (${settled.status}, ${settled.attempts})`, log);
      check(receiver.received.filter((r) => idOf(r) === first.ids[0]).length === 1, "the receiver got it exactly once", log);
      check((await job(inFlight)) === null, "the job completed (graphile-worker deleted it) rather than being handed back", log);
      check(!jsonLogLines(patient).some((line) => line.msg.includes("handed back")), "the worker handed nothing back", log);

      // 2. A job still running at the timeout is handed back.
      receiver.received.length = 0;
      const second = await queueWebhooks(await createWorkspaceFixture(getDb()), `http://127.0.0.1:${receiver.port}/timeout`, 1);
      const id = second.ids[0]!;
      // The first attempt never gets an answer; any later one does.
      receiver.setResponder((request) => (idOf(request) === id && receiver.received.filter((r) => idOf(r) === id).length === 1 ? "hang" : { status: 200 }));
      const hasty = start(1);
      await hasty.ready;
      await waitUntil(() => receiver.received.some((r) => idOf(r) === id), { what: "the delivery to reach the receiver", process: hasty });
      const stuck = await waitUntil(lockedDrainJob, { what: "the drain job to be locked" });
      log(`worker pid ${hasty.child.pid} is delivering webhook ${id} (job ${stuck}), which never gets an answer`);
      await killProcessGroup(hasty, "SIGTERM");
      log("sent SIGTERM (shutdown timeout 1 s)");
      const hastyCode = await hasty.exit;
      check(hastyCode === 0, `the worker exited with code 0 after its timeout (got ${hastyCode})`, log);
      const handedBack = jsonLogLines(hasty).find((line) => line.msg.includes("handed back"));
      check(Array.isArray(handedBack?.jobs) && (handedBack.jobs as string[]).includes(stuck), `its log says job ${stuck} was handed back`, log);
      const unlocked = await job(stuck);
      check(unlocked?.locked_by === null, "the job is unlocked, not completed", log);
      check((await delivery(id)).status === "pending", "the delivery is still pending", log);
      const next = start(120);
      await next.ready;
      await waitUntil(async () => (await delivery(id)).status === "delivered", { what: "the other worker to deliver it", timeoutMs: 90_000, intervalMs: 250, process: next });
      check(receiver.received.filter((r) => idOf(r) === id).length >= 2, "another worker delivered it (the receiver saw a second attempt)", log);
      await killProcessGroup(next, "SIGTERM");
      check((await next.exit) === 0, "that worker, idle, stops at once on SIGTERM with code 0", log);
    } finally {
      for (const worker of workers) await killProcessGroup(worker, "SIGKILL");
      await receiver.close();
      await db.close();
    }
  },
};
