import { afterEach, describe, expect, it } from "vitest";
import { processMetrics } from "@/lib/metrics/process-metrics";
import { startMetricsServer } from "@/lib/metrics/metrics-server";

const TOKEN = "worker-scrape-token-42";

afterEach(() => {
  delete process.env.PARLEY_METRICS_TOKEN;
});

describe("a standalone worker's metrics port", () => {
  it("serves its own jobs counters at /metrics to the token's holder only, and no database gauges", async () => {
    processMetrics().jobsRun.inc({ task: "metrics-server-test" });
    const server = await startMetricsServer({ port: 0, host: "127.0.0.1" });
    const get = (path: string, authorization?: string) =>
      fetch(`http://127.0.0.1:${server.port}${path}`, { headers: authorization ? { Authorization: authorization } : {} });
    try {
      expect((await get("/metrics", `Bearer ${TOKEN}`)).status).toBe(404);
      process.env.PARLEY_METRICS_TOKEN = TOKEN;
      expect((await get("/metrics")).status).toBe(401);
      expect((await get("/metrics", "Bearer not-the-token")).status).toBe(401);
      expect((await get("/other", `Bearer ${TOKEN}`)).status).toBe(404);
      const response = await get("/metrics", `Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('parley_jobs_run_total{task="metrics-server-test"} 1');
      expect(text).toContain("# TYPE parley_jobs_failed_total counter");
      expect(text).toContain("# TYPE parley_db_pool_connections gauge");
      expect(text).not.toContain("parley_job_queue_depth");
      expect(text).not.toContain("parley_outbox_backlog");
    } finally {
      await server.close();
    }
  });
});
