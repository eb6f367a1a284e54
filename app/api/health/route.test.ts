import { describe, expect, it } from "vitest";

const { startWorker } = await import("@/lib/jobs/run-worker");
const { useTestDatabase } = await import("@/lib/testing/test-database");
const { GET } = await import("./route");

const { url } = await useTestDatabase();

const TOKEN = "monitor-token-1234";
const health = (token?: string) => GET(new Request("http://localhost:3000/api/health", { headers: token ? { Authorization: `Bearer ${token}` } : {} }));

describe("GET /api/health", () => {
  it("tells the public only up or down: no hosts, process ids or queue", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "degraded" });
  });

  it("shows a monitor with the token the whole report, and refuses a wrong token", async () => {
    process.env.PARLEY_HEALTH_TOKEN = TOKEN;
    try {
      const body = await (await health(TOKEN)).json();
      expect(body).toMatchObject({ status: "degraded", database: { ok: true }, worker: { ok: false, alive: 0 } });
      expect(await (await health("monitor-token-9999")).json()).toEqual({ status: "degraded" });
    } finally {
      delete process.env.PARLEY_HEALTH_TOKEN;
    }
  });

  it("sees a running worker through its heartbeat, and forgets it once stopped", async () => {
    process.env.PARLEY_HEALTH_TOKEN = TOKEN;
    try {
      const worker = await startWorker({ connectionString: url, concurrency: 1 });
      try {
        const body = await (await health(TOKEN)).json();
        expect(body.status).toBe("ok");
        expect(body.worker.workers.map((w: { id: string }) => w.id)).toContain(worker.workerId);
        expect(await (await health()).json()).toEqual({ status: "ok" });
      } finally {
        await worker.stop();
      }
      expect((await (await health(TOKEN)).json()).worker.alive).toBe(0);
    } finally {
      delete process.env.PARLEY_HEALTH_TOKEN;
    }
  });
});
