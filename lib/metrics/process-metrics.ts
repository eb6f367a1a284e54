import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * What this process measures itself: HTTP latency by route, jobs run and failed by task, live
 * streams open, its PostgreSQL pools, and Node's own process metrics. The web process serves them
 * at /api/metrics, a standalone worker on PARLEY_WORKER_METRICS_PORT (README, Operations).
 */
function createProcessMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "parley_process_" });
  const pools = new Map<string, pg.Pool>();
  return {
    registry,
    pools,
    httpDuration: new Histogram({
      name: "parley_http_request_duration_seconds",
      help: "Time from a request's arrival to its response's end, by route pattern (never the raw path), method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobsRun: new Counter({ name: "parley_jobs_run_total", help: "Jobs this worker process ran (succeeded or failed), by task.", labelNames: ["task"] as const, registers: [registry] }),
    jobsFailed: new Counter({ name: "parley_jobs_failed_total", help: "Jobs that threw (graphile-worker retries them), by task.", labelNames: ["task"] as const, registers: [registry] }),
    liveStreams: new Gauge({ name: "parley_live_streams_open", help: "Live streams (server-sent events) this web process holds open.", registers: [registry] }),
    poolConnections: new Gauge({
      name: "parley_db_pool_connections",
      help: "This process's PostgreSQL pool use: total connections, idle ones, and callers waiting for one.",
      labelNames: ["pool", "state"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [name, pool] of pools) {
          this.set({ pool: name, state: "total" }, pool.totalCount);
          this.set({ pool: name, state: "idle" }, pool.idleCount);
          this.set({ pool: name, state: "waiting" }, pool.waitingCount);
        }
      },
    }),
  };
}

// On globalThis: `npm start` loads lib/ twice (tsx for the server and the worker, Next's bundle for
// the routes), and both halves must count into the one registry /api/metrics shows.
const globalForMetrics = globalThis as unknown as { parleyProcessMetrics?: ReturnType<typeof createProcessMetrics> };

export function processMetrics(): ReturnType<typeof createProcessMetrics> {
  return (globalForMetrics.parleyProcessMetrics ??= createProcessMetrics());
}

/** Counts a pool's connections under `name` ("app": lib/db/client.ts; "worker": graphile-worker's). */
export function watchPool(name: string, pool: pg.Pool): void {
  processMetrics().pools.set(name, pool);
}
