import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { run, parseCrontab, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { loadNodeExecutors } from "@/lib/workflow/engine/node-executors";
import { crontab } from "./crontab";
import { buildTaskList } from "./task-list";
import { quietLogger } from "./worker-schema";
import { holdWorkerLiveness, releaseOrphanedJobs } from "./worker-liveness";

export type WorkerHandle = { workerId: string; stop: () => Promise<void>; runner: Runner; poolId: () => string };

const HEARTBEAT_MS = 5_000;
const ORPHAN_CHECK_MS = 2_000;

/**
 * Starts a graphile-worker runner with Parley's tasks and cron, and keeps its heartbeat fresh.
 * Refuses to start if a node type has no executor.
 */
export async function startWorker(options: { connectionString: string; concurrency: number }): Promise<WorkerHandle> {
  // Before anything connects: a node type without an executor stops the worker here, in one line.
  await loadNodeExecutors();
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.concurrency + 4 });
  pool.on("error", (err) => console.error("[worker] idle client error", err.message));
  // A connection dropped by the server (restart, failover) must not crash the process.
  pool.on("connect", (client) => client.on("error", (err) => console.error("[worker] client error", err.message)));

  const beat = () =>
    pool
      .query(
        `INSERT INTO worker_heartbeats (worker_id, hostname, pid) VALUES ($1, $2, $3)
         ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
        [workerId, hostname(), process.pid],
      )
      .catch((err: Error) => console.error("[worker] heartbeat failed", err.message));
  // Jobs a killed worker had locked are freed within seconds instead of graphile's 4 hours.
  const recover = () => releaseOrphanedJobs(pool).catch((err: Error) => console.error("[worker] orphaned-job recovery failed", err.message));
  const liveness = await holdWorkerLiveness(options.connectionString);
  const events: WorkerEvents = new EventEmitter();
  // graphile-worker locks jobs with its pool's id (not each worker's), so that is what is claimed.
  let poolId = "";
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
    liveness.claim(workerPool.id);
  });
  await beat();
  await recover();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  const recoveryTimer = setInterval(recover, ORPHAN_CHECK_MS);
  recoveryTimer.unref();

  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quietLogger,
    taskList: buildTaskList(),
    parsedCronItems: parseCrontab(crontab.join("\n")),
    events,
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(timer);
      clearInterval(recoveryTimer);
      await runner.stop().catch(() => {});
      await liveness.close();
      await pool.query("DELETE FROM worker_heartbeats WHERE worker_id = $1", [workerId]).catch(() => {});
      await pool.end().catch(() => {});
    })());
  return { workerId, stop, runner, poolId: () => poolId };
}
