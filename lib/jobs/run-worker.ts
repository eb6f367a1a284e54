import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { run, parseCrontab, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { readEnv } from "@/lib/env";
import { loadNodeExecutors } from "@/lib/workflow/engine/node-executors";
import { componentLogger } from "@/lib/logging/logger";
import { watchPool } from "@/lib/metrics/process-metrics";
import { crontab } from "./crontab";
import { buildTaskList, laneTasks, type WorkerLane } from "./task-list";
import { quietLogger } from "./worker-schema";
import { jobEndsLost, releaseStrandedJobs, surviveDatabaseOutages } from "./stranded-jobs";
import { holdWorkerLiveness, releaseOrphanedJobs } from "./worker-liveness";

export type WorkerHandle = {
  workerId: string;
  stop: () => Promise<void>;
  runners: Record<WorkerLane, Runner>;
  /** The id the interactive lane's runner locks its jobs with. */
  poolId: () => string;
  /** Each lane's runner's lock id (graphile-worker's pool id), once it has started. */
  poolIds: () => Record<WorkerLane, string>;
};

const log = componentLogger("worker");

const HEARTBEAT_MS = 5_000;
const ORPHAN_CHECK_MS = 2_000;

/**
 * Starts Parley's worker: two graphile-worker runners on one connection pool, one per lane
 * (task-list.ts) — the interactive lane with `concurrency` slots and the cron, the bulk lane
 * (campaign batches, imports, housekeeping) with `bulkConcurrency` — and keeps its heartbeat
 * fresh. A runner only takes jobs of its own lane's tasks, so a reply's next step never waits
 * for a slot behind a campaign. Refuses to start if a node type has no executor.
 */
export async function startWorker(options: {
  connectionString: string;
  /** Interactive lane's slots (WORKER_CONCURRENCY). */
  concurrency: number;
  /** Bulk lane's slots; unset: WORKER_BULK_CONCURRENCY. */
  bulkConcurrency?: number;
  /** How long stop() lets jobs in flight finish before handing them back (PARLEY_WORKER_SHUTDOWN_SECONDS); unset: as long as they take. */
  shutdownTimeoutMs?: number;
}): Promise<WorkerHandle> {
  // Before anything connects: a node type without an executor stops the worker here, in one line.
  await loadNodeExecutors();
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const slots: Record<WorkerLane, number> = { interactive: options.concurrency, bulk: options.bulkConcurrency ?? readEnv().WORKER_BULK_CONCURRENCY };
  // A connection per slot, plus each runner's LISTEN connection, the heartbeat/recovery and cron.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: slots.interactive + slots.bulk + 5 });
  watchPool("worker", pool);
  pool.on("error", (err) => log.error({ err }, "idle database client error"));
  // A connection dropped by the server (restart, failover) must not crash the process.
  pool.on("connect", (client) => client.on("error", (err) => log.error({ err }, "database client error")));

  const beat = () =>
    pool
      .query(
        `INSERT INTO worker_heartbeats (worker_id, hostname, pid) VALUES ($1, $2, $3)
         ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
        [workerId, hostname(), process.pid],
      )
      .catch((err: Error) => log.error({ err }, "heartbeat failed"));
  // Jobs a killed worker had locked are freed within seconds instead of graphile's 4 hours.
  // Not while this worker's own liveness locks are gone (its connection is being re-made): its
  // jobs would look orphaned and be unlocked under it.
  const recover = async () => {
    if (!liveness.held()) return;
    await releaseOrphanedJobs(pool).catch((err: Error) => log.error({ err }, "orphaned-job recovery failed"));
    if (!jobEndsLost()) return;
    for (const poolId of Object.values(poolIds)) await releaseStrandedJobs(pool, poolId, running).catch((err: Error) => log.warn({ err }, "stranded-job recovery failed"));
  };
  surviveDatabaseOutages();
  const liveness = await holdWorkerLiveness(options.connectionString);
  // graphile-worker locks jobs with its pool's id (not each worker's): one per lane's runner, and
  // those are what is claimed alive and checked for stranded jobs.
  const poolIds: Record<WorkerLane, string> = { interactive: "", bulk: "" };
  // The jobs this process runs now, in either lane: any other job its pools have locked is stranded (stranded-jobs.ts).
  const running = new Set<string>();
  const laneEvents = (lane: WorkerLane): WorkerEvents => {
    const events: WorkerEvents = new EventEmitter();
    events.on("pool:create", ({ workerPool }) => {
      poolIds[lane] = workerPool.id;
      liveness.claim(workerPool.id);
    });
    events.on("job:start", ({ job }) => running.add(job.id));
    events.on("job:complete", ({ job }) => running.delete(job.id));
    return events;
  };
  await beat();
  await recover();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  const recoveryTimer = setInterval(recover, ORPHAN_CHECK_MS);
  recoveryTimer.unref();

  const startLane = (lane: WorkerLane) =>
    run({
      pgPool: pool,
      concurrency: slots[lane],
      noHandleSignals: true,
      pollInterval: 1_000,
      logger: quietLogger,
      taskList: buildTaskList(laneTasks[lane]),
      // Cron only queues jobs (for either lane): one runner schedules them.
      parsedCronItems: lane === "interactive" ? parseCrontab(crontab.join("\n")) : [],
      events: laneEvents(lane),
    });
  const interactive = await startLane("interactive");
  const bulk = await startLane("bulk").catch(async (error: unknown) => {
    await interactive.stop().catch(() => {});
    throw error;
  });
  const runners: Record<WorkerLane, Runner> = { interactive, bulk };
  const lockIds = () => Object.values(poolIds).filter(Boolean);

  let stopping: Promise<void> | undefined;
  // Graceful: graphile-worker takes no new job and waits for those in flight. Past the timeout the
  // jobs still running are unlocked at once for any other worker (without spending an attempt, and
  // without waiting for this process to die and the liveness check to notice), and the caller exits,
  // which rolls back what they had not committed. Every job's effects are idempotent, so the other
  // worker running one again is safe.
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(timer);
      clearInterval(recoveryTimer);
      log.info({ workerId, timeoutMs: options.shutdownTimeoutMs }, "stopping: letting the jobs in flight finish");
      const drained = Promise.all(Object.values(runners).map((runner) => runner.stop())).then(
        () => true,
        () => true,
      );
      const finished = options.shutdownTimeoutMs === undefined ? await drained : await Promise.race([drained, delay(options.shutdownTimeoutMs).then(() => false)]);
      if (!finished) {
        const released = await pool
          .query<{ id: string }>("SELECT id FROM graphile_worker.jobs WHERE locked_by = ANY($1::text[])", [lockIds()])
          .then(async (locked) => {
            await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [lockIds()]);
            return locked.rows.map((row) => row.id);
          })
          .catch((err: Error) => {
            log.error({ err }, "could not hand back the jobs in flight; other workers will once this process is gone");
            return [];
          });
        log.warn({ workerId, jobs: released }, "jobs still running at the shutdown timeout were handed back to other workers");
      }
      await liveness.close();
      await pool.query("DELETE FROM worker_heartbeats WHERE worker_id = $1", [workerId]).catch(() => {});
      // A job still running holds connections: ending the pool would wait for it.
      if (finished) await pool.end().catch(() => {});
      else void pool.end().catch(() => {});
    })());
  return { workerId, stop, runners, poolId: () => poolIds.interactive, poolIds: () => ({ ...poolIds }) };
}
