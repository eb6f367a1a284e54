import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { z } = await import("zod");
const { sql } = await import("drizzle-orm");
const { waitFor } = await import("@/lib/testing/http-receiver");
const pg = (await import("pg")).default;
const { run, makeWorkerUtils } = await import("graphile-worker");
const { getDb } = await import("@/lib/db/client");
const { logger, redirectLogs } = await import("@/lib/logging/logger");
const { runWithRequestContext } = await import("@/lib/logging/request-context");
const { workspaceAction } = await import("@/lib/actions/safe-action");
const { route } = await import("@/lib/api/route-handler");
const { defineTask } = await import("@/lib/jobs/define-task");
const { buildTaskList } = await import("@/lib/jobs/task-list");
const { quietLogger } = await import("@/lib/jobs/worker-schema");
const { serveRequest } = await import("@/lib/server/serve-request");
const { routePatternMatcher } = await import("@/lib/metrics/route-pattern");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");

type LogLine = { level: string; msg: string; requestId?: string; job?: { id: string; task: string; attempt: number }; err?: { message: string; stack: string } };

let lines: LogLine[] = [];
let restore = () => {};
beforeEach(() => {
  lines = [];
  restore = redirectLogs({ write: (line) => void lines.push(JSON.parse(line) as LogLine) });
});
afterEach(() => restore());

let fixture: Awaited<ReturnType<typeof createWorkspaceFixture>>;
beforeAll(async () => {
  fixture = await createWorkspaceFixture(getDb());
});

// A service that logs on its way and then fails the way a bug would (not a SafeError).
const failingAction = workspaceAction({ schema: z.object({ note: z.string() }) }, async (ctx, input) => {
  logger.info({ note: input.note }, "service started");
  await ctx.tx.execute(sql`SELECT 1`);
  logger.warn("service about to fail");
  throw new Error(`database password hunter2 leaked in ${input.note}`);
});

describe("a server action's log lines", () => {
  it("all carry the request id the server gave the request, and the person gets that id, not the stack", async () => {
    signInAs({ id: fixture.builderId });
    const result = await runWithRequestContext({ requestId: "req-from-server-0001" }, () => failingAction({ workspaceId: fixture.workspaceId, note: "the form" }));

    expect(result).toEqual({ ok: false, error: expect.any(String), code: "internal_error", requestId: "req-from-server-0001" });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(lines.map((line) => line.msg)).toEqual(["service started", "service about to fail", "unexpected error in a server action"]);
    for (const line of lines) expect(line.requestId).toBe("req-from-server-0001");
    const error = lines.at(-1)!;
    expect(error.level).toBe("error");
    expect(error.err?.message).toContain("hunter2");
    expect(error.err?.stack).toMatch(/\n\s+at /);
  });

  it("get an id of their own when no server set one, the same on every line and in the result", async () => {
    signInAs({ id: fixture.builderId });
    const result = await failingAction({ workspaceId: fixture.workspaceId, note: "elsewhere" });
    const requestId = !result.ok ? result.requestId : undefined;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.requestId).toBe(requestId);
  });
});

describe("a route that fails unexpectedly", () => {
  const GET = route(async (_request: Request) => {
    logger.info("handling");
    throw new Error("stack-only detail: connection to 10.0.0.7 refused");
  });

  it("answers 500 with the request id and no stack, while its log line has the stack and the same id", async () => {
    const response = await GET(new Request("http://localhost/api/example"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("10.0.0.7");
    expect(text).not.toMatch(/\bat\s+\S+\s+\(/);
    const body = JSON.parse(text) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("internal_error");
    expect(response.headers.get("x-request-id")).toBe(body.error.requestId);

    expect(lines.map((line) => line.requestId)).toEqual([body.error.requestId, body.error.requestId]);
    expect(lines[1]).toMatchObject({ level: "error", msg: "unexpected error in a route" });
    expect(lines[1]!.err?.stack).toContain("10.0.0.7");
    expect(lines[1]!.err?.stack).toMatch(/\n\s+at /);
  });
});

describe("npm start's server in front of Next", () => {
  async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) {
    const server = http.createServer(serveRequest(handle, routePatternMatcher({ dynamicRoutes: [{ page: "/api/things/[id]", regex: "^/api/things/([^/]+?)(?:/)?$" }] })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it("keeps a sane incoming X-Request-Id, replaces any other, returns it, and puts it on the app's log lines and request", async () => {
    const seen: (string | undefined)[] = [];
    const server = await serve(async (req, res) => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info("inside the app");
      seen.push(req.headers["x-request-id"] as string | undefined);
      res.end("ok");
    });
    try {
      const kept = await fetch(`${server.base}/api/things/123`, { headers: { "X-Request-Id": "lb-7f3a9c21-0001" } });
      expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c21-0001");
      const replaced = await fetch(`${server.base}/api/things/456`, { headers: { "X-Request-Id": "<script>" } });
      const fresh = replaced.headers.get("x-request-id");
      expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen).toEqual(["lb-7f3a9c21-0001", fresh]);
      expect(lines.map((line) => line.requestId)).toEqual(["lb-7f3a9c21-0001", fresh]);
    } finally {
      await server.close();
    }
  });
});

describe("npm start's server, for the headers", () => {
  it("gives every API answer its security headers (HSTS when it came over https), and leaves a page's to the proxy", async () => {
    const server = http.createServer(serveRequest(async (_req, res) => void res.end("ok"), () => "unmatched"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A route the proxy skips (proxy.ts's matcher): these are all the headers it gets.
      const api = await fetch(`${base}/api/chat/00000000-0000-4000-8000-000000000000/messages`, { method: "POST" });
      expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(api.headers.get("x-frame-options")).toBe("DENY");
      expect(api.headers.get("x-content-type-options")).toBe("nosniff");
      expect(api.headers.get("strict-transport-security")).toBeNull();
      const overHttps = await fetch(`${base}/api/v1/conversations`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(overHttps.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      // The chat page may be framed by its channel's websites: no DENY from here.
      const page = await fetch(`${base}/chat/00000000-0000-4000-8000-000000000000`);
      expect(page.headers.get("x-frame-options")).toBeNull();
      expect(page.headers.get("content-security-policy")).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("a job's log lines", () => {
  it("carry the job's own request id, its id and task, from the handler and from the runner's failure line", { timeout: 60_000 }, async () => {
    const task = defineTask("logging-test-task", z.object({ n: z.number() }), async ({ n }) => {
      logger.info({ n }, "job working");
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error(`job ${n} failed here`);
    });
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger });
    const job = await utils.addJob("logging-test-task", { n: 7 }, { maxAttempts: 1 });
    const runner = await run({ pgPool: pool, concurrency: 1, noHandleSignals: true, pollInterval: 100, logger: quietLogger, taskList: buildTaskList([task]) });
    try {
      await waitFor(() => lines.some((line) => line.msg === "job failed"), 30_000);
    } finally {
      await runner.stop();
      await utils.release();
      await pool.end();
    }

    const jobLines = lines.filter((line) => line.job);
    expect(jobLines.map((line) => line.msg)).toEqual(["job working", "job failed"]);
    const requestId = jobLines[0]!.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of jobLines) expect(line).toMatchObject({ requestId, job: { id: job.id, task: "logging-test-task", attempt: 1 } });
    expect(jobLines[1]!.err?.stack).toContain("job 7 failed here");
  });
});
