import { describe, expect, it } from "vitest";
import { startWorker } from "@/lib/jobs/run-worker";
import { useTestDatabase } from "@/lib/testing/test-database";
import { GET } from "./route";

const { url } = await useTestDatabase();

describe("GET /api/health", () => {
  it("reports the database up and no worker as degraded", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "degraded", database: { ok: true }, worker: { ok: false, alive: 0 } });
  });

  it("sees a running worker through its heartbeat, and forgets it once stopped", async () => {
    const worker = await startWorker({ connectionString: url, concurrency: 1 });
    try {
      const body = await (await GET()).json();
      expect(body.status).toBe("ok");
      expect(body.worker.workers.map((w: { id: string }) => w.id)).toContain(worker.workerId);
    } finally {
      await worker.stop();
    }
    expect((await (await GET()).json()).worker.alive).toBe(0);
  });
});
