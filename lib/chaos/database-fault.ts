import { sql } from "drizzle-orm";
import pg from "pg";
import type { ChaosScenario } from "@/lib/chaos/chaos-scenario";
import { startChaosDatabase, type ChaosDatabase } from "@/lib/chaos/chaos-database";
import { checkExactlyOncePerContact, checkWebhooks, fanOutProgress, publishFanOut, queueWebhooks, webhookCounts } from "@/lib/chaos/chaos-fixture";
import { openResumedStreamCheck } from "@/lib/chaos/resumed-stream";
import { errorResponse } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { liveListenerConnected, stopLiveListener, subscribeToLiveEvents } from "@/lib/live/listener";
import type { LiveSignal } from "@/lib/live/live-event";
import { notifyLiveEvents } from "@/lib/live/notify-live";
import { killProcessGroup, startWorkerScript, waitUntil, type WorkerProcess } from "@/lib/testing/child-processes";
import { startReceiver, type ReceivedRequest } from "@/lib/testing/http-receiver";

type Log = (line: string) => void;

export type DatabaseFault = {
  name: string;
  description: string;
  /** Causes the fault; `whileDown` (if the fault has a "down" phase) runs while the database is unreachable. */
  cause: (db: ChaosDatabase, log: Log, whileDown: () => Promise<void>) => Promise<void>;
};

function check(condition: boolean, what: string, log: Log) {
  if (!condition) throw new Error(`check failed: ${what}`);
  log(`checked: ${what}`);
}

/**
 * The web side of the scenario is this process: its pool (getDb(), as route handlers use it), its
 * LISTEN connection (lib/live/listener.ts, shared by every open live stream) and the routes'
 * error answer (errorResponse). The worker is `npm run worker` in a process of its own.
 * A fault lands with a fan-out, a webhook drain and a live stream all in progress; afterwards
 * the same processes (no restart) must finish everything, exactly once.
 */
export function databaseFaultScenario(fault: DatabaseFault): ChaosScenario {
  return {
    name: fault.name,
    description: fault.description,
    run: async ({ short, log }) => {
      const contacts = short ? 300 : 20_000;
      const webhooks = short ? 100 : 2_000;
      const db = await startChaosDatabase(fault.name, log);
      const received: number[] = [];
      const receiver = await startReceiver("127.0.0.1", (request: ReceivedRequest) => {
        received.push(Number(request.headers["parley-delivery-id"]));
        return { status: 200 };
      });
      const signals: LiveSignal[] = [];
      let worker: WorkerProcess | undefined;
      let unsubscribe = () => {};
      let resumed: Awaited<ReturnType<typeof openResumedStreamCheck>> | undefined;
      try {
        const fanOut = await publishFanOut(contacts);
        const batch = await queueWebhooks(fanOut.ws, `http://127.0.0.1:${receiver.port}/hook`, webhooks);
        unsubscribe = await subscribeToLiveEvents((signal) => signals.push(signal));
        resumed = await openResumedStreamCheck();
        log(`queued a fan-out to ${contacts} contacts and ${webhooks} webhooks to a loopback receiver; a live stream is open, and a resumable one on a quiet workspace written to every 20 ms`);

        worker = startWorkerScript(db.url, {
          PARLEY_AUDIENCE_BATCH_SIZE: short ? "10" : "200",
          WORKER_CONCURRENCY: "2",
          WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
        });
        await worker.ready;
        const pid = worker.child.pid;
        log(`started \`npm run worker\` (pid ${pid})`);
        const mark = Math.floor(contacts / 3);
        await waitUntil(async () => (await fanOutProgress(fanOut)).conversations >= mark, { what: `${mark} conversations`, timeoutMs: 600_000, intervalMs: 5, process: worker });
        const before = await fanOutProgress(fanOut);
        const hooksBefore = await webhookCounts(batch);
        const eventsBefore = signals.filter((s) => s.kind === "event").length;
        log(`fault at ${before.conversations}/${contacts} conversations, ${hooksBefore.delivered}/${hooksBefore.total} webhooks delivered, ${eventsBefore} live events received`);

        let unavailable: Response | undefined;
        await fault.cause(db, log, async () => {
          // A request arriving now: what a route handler answers when its query fails.
          try {
            await getDb().execute(sql`SELECT 1`);
          } catch (error) {
            unavailable = errorResponse(error);
          }
        });
        if (unavailable) {
          const body = await unavailable.text();
          check(
            unavailable.status === 503 && unavailable.headers.get("Retry-After") !== null && body.includes('"database_unavailable"') && !body.includes("    at "),
            `a request while the database is down is answered 503 database_unavailable with Retry-After and no stack (${unavailable.status} ${body})`,
            log,
          );
        }

        await waitUntil(() => liveListenerConnected() && signals.some((s) => s.kind === "resync"), { what: "the LISTEN connection to come back", timeoutMs: 60_000 });
        log("checked: the live stream's LISTEN connection came back by itself and told its subscribers to resync");
        // This process's pool is what every web request uses: it must serve again, unrestarted.
        const probe = await waitUntil(async () => getDb().execute(sql`SELECT 1 AS ok`).then((r) => r.rows.length === 1, () => false), { what: "the web pool to serve queries again", timeoutMs: 60_000, intervalMs: 100 });
        check(probe, "the web process's pool serves queries again without a restart", log);
        const marker = crypto.randomUUID();
        await notifyLiveEvents(getDb(), [{ workspaceId: fanOut.ws.workspaceId, conversationId: marker, type: "chaos.marker" }]);
        await waitUntil(() => signals.some((s) => s.kind === "event" && s.event.conversationId === marker), { what: "an event sent after the fault to reach the live stream", timeoutMs: 30_000 });
        log("checked: an event sent after the fault reached the open live stream");
        await resumed.finish(log);

        const done = await waitUntil(
          async () => {
            const now = await fanOutProgress(fanOut);
            return now.waiting === contacts ? now : null;
          },
          { what: "every contact to be waiting at the Branch", timeoutMs: short ? 120_000 : 900_000, intervalMs: 200, process: worker },
        );
        log(`the fan-out finished: ${done.conversations} conversations, ${done.messages} messages, ${done.waiting} runs waiting`);
        const hooks = await waitUntil(
          async () => {
            const now = await webhookCounts(batch);
            return now.delivered === now.total ? now : null;
          },
          { what: "every webhook to be delivered", timeoutMs: short ? 120_000 : 900_000, intervalMs: 200, process: worker },
        );
        log(`the webhook drain finished: ${hooks.delivered}/${hooks.total} delivered`);
        check(worker.alive() && worker.child.pid === pid, `the worker that was running at the fault (pid ${pid}) finished the work; it was never restarted`, log);
        await checkExactlyOncePerContact(fanOut, log);
        await checkWebhooks(batch, received, log);
        check(signals.filter((s) => s.kind === "event").length > eventsBefore, "the live stream received events after the fault", log);

        await killProcessGroup(worker, "SIGTERM");
        check((await worker.exit) === 0, "the worker stops cleanly on SIGTERM afterwards (exit 0)", log);
      } finally {
        resumed?.stop();
        unsubscribe();
        await stopLiveListener();
        if (worker) await killProcessGroup(worker, "SIGKILL");
        await receiver.close();
        await db.close();
      }
    },
  };
}

/** Terminates every backend of the application's database but the caller's own (pg_terminate_backend); returns how many. */
export async function terminateApplicationConnections(db: ChaosDatabase): Promise<number> {
  const admin = new pg.Client({ connectionString: db.postgres.urlFor("postgres") });
  await admin.connect();
  try {
    const result = await admin.query<{ n: string }>(
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = 'parley' AND pid <> pg_backend_pid()",
    );
    return Number(result.rows[0]!.n);
  } finally {
    await admin.end();
  }
}
