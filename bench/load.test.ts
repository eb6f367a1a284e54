import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

// Who is signed in is read from the request's own session cookie (a real next-auth token), per
// request: the agents' streams are many users at once, which the one-user session mock cannot be.
const signedIn = new AsyncLocalStorage<{ id: string; name: string; email: string; avatarUrl: null } | null>();
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => signedIn.getStore() ?? null,
  requireSessionUser: async () => {
    const user = signedIn.getStore();
    if (!user) throw (await import("@/lib/errors")).unauthorized();
    return user;
  },
}));

const SECRET = "load-smoke-secret-7d1e9c";
const { url } = await useTestDatabase();
const { decode } = await import("next-auth/jwt");
const { p95ByFifth, runLoadBench } = await import("./load");
const events = await import("@/app/api/events/route");
const chatEvents = await import("@/app/api/chat/[channelId]/events/route");
const chatMessages = await import("@/app/api/chat/[channelId]/messages/route");

type Handler = (request: Request, context: { params: Promise<{ channelId: string }> }) => Promise<Response>;

/** The three routes the crowd uses, served from their modules over real HTTP (no Next build in the unit suite). */
function routeOf(method: string, pathname: string): { handler: Handler; channelId: string } | null {
  if (method === "GET" && pathname === "/api/health") return { handler: async () => new Response("ok"), channelId: "" };
  if (method === "GET" && pathname === "/api/events") return { handler: events.GET as Handler, channelId: "" };
  const chat = /^\/api\/chat\/([^/]+)\/(events|messages)$/.exec(pathname);
  if (!chat) return null;
  if (chat[2] === "events" && method === "GET") return { handler: chatEvents.GET as Handler, channelId: chat[1]! };
  if (chat[2] === "messages" && method === "POST") return { handler: chatMessages.POST as Handler, channelId: chat[1]! };
  return null;
}

let server: http.Server;
let baseUrl = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const target = new URL(req.url ?? "/", "http://127.0.0.1");
    const found = routeOf(req.method ?? "GET", target.pathname);
    if (!found) return void res.writeHead(404).end();
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const request = new Request(target, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])),
      body: req.method === "POST" ? (Readable.toWeb(req) as ReadableStream) : undefined,
      signal: abort.signal,
      duplex: "half",
    } as RequestInit);
    const cookie = /next-auth\.session-token=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    void (async () => {
      const token = cookie ? await decode({ token: cookie, secret: SECRET }) : null;
      const user = token?.sub ? { id: token.sub, name: String(token.name), email: String(token.email), avatarUrl: null } : null;
      const response = await signedIn.run(user, () => found.handler(request, { params: Promise.resolve({ channelId: found.channelId }) }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// A smoke test, not a benchmark: the bench's data, its autocannon POSTs, its stream readers and
// its delivery matching still fit the app. No timings are asserted.
describe("npm run bench:load, at a tiny size", () => {
  it("sends every contact's messages and reads each one on its agent's live stream", { timeout: 120_000 }, async () => {
    // A second of warm-up first: its 6 messages are sent and delivered, but not counted.
    const result = await runLoadBench({ contacts: 6, agents: 3, rate: 6, durationSeconds: 2, warmupSeconds: 1, port: 0, server: { baseUrl, databaseUrl: url, authSecret: SECRET } });
    expect(result.sent).toBe(12);
    expect(result.ok).toBe(12);
    expect(result.delivery.delivered).toBe(12);
    expect(result.post.byFifth).toHaveLength(5);
    expect(result.errors).toEqual({ non2xx: 0, socket: 0, timeouts: 0, undelivered: 0, streamsLost: 0 });
  });
});

describe("the POST p95 of each fifth of the load", () => {
  it("puts each request in the fifth it was sent in, so a burst shows where it happened", () => {
    // 10 s of load from t = 1000 ms: one request a second, the one sent at 4.5 s slow.
    const answers = Array.from({ length: 10 }, (_, i) => ({ sentAt: 1000 + i * 1000 + 500, ms: i === 4 ? 900 : 10 + i }));
    expect(p95ByFifth(answers, 1000, 10_000)).toEqual([11, 13, 900, 17, 19]);
  });

  it("reads an empty fifth as 0 and keeps a late answer in the last fifth", () => {
    expect(p95ByFifth([{ sentAt: 0, ms: 5 }, { sentAt: 2000, ms: 7 }], 0, 1000)).toEqual([5, 0, 0, 0, 7]);
  });
});
