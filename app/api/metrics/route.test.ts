import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { seedDemoData } = await import("@/lib/db/seed/demo-seed");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { liveEventStream } = await import("@/lib/live/sse");
const { routePatternMatcher } = await import("@/lib/metrics/route-pattern");
const { serveRequest } = await import("@/lib/server/serve-request");
const { startReceiver, waitFor } = await import("@/lib/testing/http-receiver");
const { createIntegration, deliveryRows, insertDeliveries } = await import("@/lib/webhooks/__tests__/outbox-fixtures");
const { GET } = await import("./route");

const TOKEN = "scraper-token-5f1e2d3c";
const scrape = (authorization?: string) => GET(new Request("http://localhost:3000/api/metrics", { headers: authorization ? { Authorization: authorization } : {} }));

/** The value of one sample line, e.g. `parley_outbox_backlog{outbox="webhooks"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  await seedDemoData(getDb());
  receiver = await startReceiver("127.0.0.1");
});
afterAll(async () => {
  await receiver.close();
});
afterEach(() => {
  delete process.env.PARLEY_METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("does not exist while no token is configured", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("parley_");
  });

  it("refuses a scraper without the token or with a wrong one", async () => {
    process.env.PARLEY_METRICS_TOKEN = TOKEN;
    for (const authorization of [undefined, "Bearer scraper-token-5f1e2d3d", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("parley_");
    }
  });

  it("shows the token's holder every named metric in Prometheus format, with the database's backlog and the jobs run", { timeout: 60_000 }, async () => {
    process.env.PARLEY_METRICS_TOKEN = TOKEN;
    const integration = await createIntegration(`http://127.0.0.1:${receiver.port}/metrics`);
    await insertDeliveries(integration.id, [
      { conversationId: crypto.randomUUID(), event: "conversation.created" },
      { conversationId: crypto.randomUUID(), event: "conversation.created" },
    ]);

    // A request through npm start's front, on a dynamic route: counted under its pattern, not its path.
    const server = http.createServer(
      serveRequest(async (_req, res) => void res.end("ok"), routePatternMatcher({ dynamicRoutes: [{ page: "/api/things/[id]", regex: "^/api/things/([^/]+?)(?:/)?$" }] })),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/things/8d1f0c7e`);
    await new Promise<void>((resolve) => server.close(() => resolve()));

    // A live stream held open while the metrics are read.
    const abort = new AbortController();
    const stream = liveEventStream(new Request("http://localhost/api/events", { signal: abort.signal }), () => null, { workspaceId: "0a0c0e00-0000-4000-8000-000000000001" });
    const reader = stream.body!.getReader();
    await reader.read();

    const before = await scrape(`Bearer ${TOKEN}`);
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await before.text();
    for (const name of [
      "parley_http_request_duration_seconds",
      "parley_jobs_run_total",
      "parley_jobs_failed_total",
      "parley_job_queue_depth",
      "parley_outbox_backlog",
      "parley_live_streams_open",
      "parley_db_pool_connections",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'parley_http_request_duration_seconds_count{route="/api/things/[id]",method="GET",status="200"}')).toBe(1);
    expect(text).not.toContain("8d1f0c7e");
    expect(sample(text, 'parley_outbox_backlog{outbox="webhooks"}')).toBe(2);
    expect(sample(text, 'parley_outbox_backlog{outbox="sms"}')).toBe(0);
    expect(sample(text, 'parley_outbox_backlog{outbox="email"}')).toBe(0);
    expect(sample(text, 'parley_job_queue_depth{state="ready"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, "parley_live_streams_open")).toBe(1);
    expect(sample(text, 'parley_db_pool_connections{pool="app",state="total"}')).toBeGreaterThanOrEqual(1);
    abort.abort();
    await reader.cancel().catch(() => {});

    // A worker drains the outbox: the backlog empties and the jobs it ran are counted by task.
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    const worker = await startWorker({ connectionString: url, concurrency: 1 });
    try {
      await waitFor(async () => (await deliveryRows(integration.id)).every((row) => row.status === "delivered"), 30_000, 100);
    } finally {
      await worker.stop();
      delete process.env.WEBHOOK_ALLOWED_HOSTS;
    }
    const after = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(after, 'parley_outbox_backlog{outbox="webhooks"}')).toBe(0);
    expect(sample(after, 'parley_jobs_run_total{task="webhooks-drain"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, "parley_live_streams_open")).toBe(0);
  });
});
