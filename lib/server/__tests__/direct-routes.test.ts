import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DirectRoutes, WebRouteHandler } from "@/lib/server/direct-routes";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { messages } = await import("@/lib/db/schema/conversations");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { redirectLogs } = await import("@/lib/logging/logger");
const { appDirectoryRoutes, routePatternMatcher } = await import("@/lib/metrics/route-pattern");
const { serveRequest } = await import("@/lib/server/serve-request");
const { directRouteKey, directRoutePatterns, loadDirectRoutes } = await import("@/lib/server/direct-routes");

const ORIGIN = "https://parley.example";
const CHAT_MESSAGES = "/api/chat/[channelId]/messages";
const routePattern = routePatternMatcher(appDirectoryRoutes(path.join(process.cwd(), "app")));

let ws: Awaited<ReturnType<typeof createWorkspaceFixture>>;
let chatRoutes: DirectRoutes;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  chatRoutes = await loadDirectRoutes(ORIGIN);
});

type LogLine = { level: string; msg: string; requestId?: string; err?: { stack: string } };
let lines: LogLine[] = [];
let restoreLogs = () => {};
beforeEach(() => {
  lines = [];
  restoreLogs = redirectLogs({ write: (line) => void lines.push(JSON.parse(line) as LogLine) });
});
afterEach(() => restoreLogs());

/** npm start's front door with `direct`, in front of a stand-in for Next that answers 299 and notes what it was handed. */
async function frontDoor(direct: DirectRoutes) {
  const handedToNext: string[] = [];
  const server = http.createServer(
    serveRequest(
      async (req, res) => {
        handedToNext.push(`${req.method} ${req.url}`);
        req.resume();
        res.statusCode = 299;
        res.end("next");
      },
      routePattern,
      direct,
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, port, handedToNext, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The same table with one handler swapped in for the chat message route. */
const withChatHandler = (handler: WebRouteHandler): DirectRoutes => ({
  ...chatRoutes,
  routes: new Map([[directRouteKey("POST", CHAT_MESSAGES), { handler, maxBodyBytes: 64 * 1024 }]]),
});

async function visitorToken(): Promise<{ token: string; contactId: string }> {
  const chat = (await findChatChannel(ws.chatChannelId))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  return { token: opened.context.token, contactId: opened.context.session.contactId };
}

/** A raw request (fetch always sends a Content-Length for a known body, and cannot send a wrong one). */
function rawPost(port: number, pathname: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: pathname, method: "POST", headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    // The server may answer and close before it has read all of a refused body.
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    request.end(body);
  });
}

describe("npm start's direct routes", () => {
  it("records a contact's chat message with the route's own handler, without handing the request to Next", async () => {
    const door = await frontDoor(chatRoutes);
    try {
      const { token, contactId } = await visitorToken();
      const response = await fetch(`${door.base}/api/chat/${ws.chatChannelId}/messages`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: token, "content-type": "application/json", "x-request-id": "lb-direct-0001" },
        body: JSON.stringify({ text: "Straight through", clientId: randomUUID() }),
      });
      expect(response.status).toBe(201);
      const { messageId } = (await response.json()) as { messageId: string };
      const [stored] = await getDb().select({ text: messages.text, contactId: messages.authorContactId }).from(messages).where(eq(messages.id, messageId));
      expect(stored).toEqual({ text: "Straight through", contactId });
      // The front door's headers are on the direct answer as on any API answer.
      expect(response.headers.get("x-request-id")).toBe("lb-direct-0001");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(door.handedToNext).toEqual([]);

      // The route's own refusals come back as it writes them: a bad session, a malformed body.
      const badSession = await fetch(`${door.base}/api/chat/${ws.chatChannelId}/messages`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: "not-a-token", "content-type": "application/json" },
        body: JSON.stringify({ text: "Hi", clientId: randomUUID() }),
      });
      expect(badSession.status).toBe(401);
      const malformed = await fetch(`${door.base}/api/chat/${ws.chatChannelId}/messages`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: token, "content-type": "application/json" },
        body: "{not json",
      });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("malformed_json");
      expect(door.handedToNext).toEqual([]);
    } finally {
      await door.close();
    }
  });

  it("hands every other method and route to Next", async () => {
    const door = await frontDoor(chatRoutes);
    try {
      const messagesPath = `/api/chat/${ws.chatChannelId}/messages`;
      expect((await fetch(`${door.base}${messagesPath}`)).status).toBe(299);
      expect((await fetch(`${door.base}/api/chat/${ws.chatChannelId}/session`, { method: "POST", body: "{}" })).status).toBe(299);
      expect((await fetch(`${door.base}${messagesPath}/extra`, { method: "POST", body: "{}" })).status).toBe(299);
      // A trailing slash is Next's to redirect.
      expect((await fetch(`${door.base}${messagesPath}/`, { method: "POST", body: "{}", redirect: "manual" })).status).toBe(299);
      expect(door.handedToNext).toEqual([`GET ${messagesPath}`, `POST /api/chat/${ws.chatChannelId}/session`, `POST ${messagesPath}/extra`, `POST ${messagesPath}/`]);
    } finally {
      await door.close();
    }
  });

  it("refuses a body over the route's own limit, declared or streamed, where the route would: after the session's check", async () => {
    const door = await frontDoor(chatRoutes);
    try {
      const { token, contactId } = await visitorToken();
      const messagesPath = `/api/chat/${ws.chatChannelId}/messages`;
      const big = Buffer.from(JSON.stringify({ text: "x".repeat(100 * 1024), clientId: randomUUID() }));
      const session = { [CHAT_SESSION_HEADER]: token, "content-type": "application/json" };
      const declared = await rawPost(door.port, messagesPath, { ...session, "content-length": big.length, "x-request-id": "lb-big-0001" }, big);
      const streamed = await rawPost(door.port, messagesPath, { ...session, "transfer-encoding": "chunked", "x-request-id": "lb-big-0002" }, big);
      for (const [answer, requestId] of [
        [declared, "lb-big-0001"],
        [streamed, "lb-big-0002"],
      ] as const) {
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than 64 KB.", requestId } });
      }
      // A stranger without a session is told that first, as the route tells it under Next.
      const stranger = await rawPost(door.port, messagesPath, { "content-type": "application/json", "transfer-encoding": "chunked" }, big);
      expect(stranger.status).toBe(401);
      expect(await getDb().select({ id: messages.id }).from(messages).where(eq(messages.authorContactId, contactId))).toEqual([]);
      expect(door.handedToNext).toEqual([]);
    } finally {
      await door.close();
    }
  });

  it("drops a request whose caller goes away mid-body, without calling the handler, and goes on serving", async () => {
    let called = 0;
    const door = await frontDoor(
      withChatHandler(async () => {
        called++;
        return new Response(null, { status: 204 });
      }),
    );
    try {
      const request = http.request({ host: "127.0.0.1", port: door.port, path: "/api/chat/x/messages", method: "POST", headers: { "transfer-encoding": "chunked" } });
      request.on("error", () => {});
      request.write("{\"text\":");
      await new Promise((resolve) => setTimeout(resolve, 50));
      request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await rawPost(door.port, "/api/chat/x/messages", {}, Buffer.from("{}"))).status).toBe(204);
      expect(called).toBe(1);
      // Nothing to log: not an error of the app's, nor the database's (a reset socket reads as one).
      expect(lines.filter((line) => line.level === "error" || line.level === "warn")).toEqual([]);
    } finally {
      await door.close();
    }
  });

  it("answers a handler that throws with a JSON error and the request id; the stack goes only to the log", async () => {
    const door = await frontDoor(
      withChatHandler(async () => {
        throw new Error("password=hunter2 at db.internal:5432");
      }),
    );
    try {
      const response = await fetch(`${door.base}/api/chat/x/messages`, { method: "POST", body: "{}", headers: { "x-request-id": "lb-boom-0001" } });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: "internal_error", requestId: "lb-boom-0001" } });
      expect(text).not.toContain("hunter2");
      expect(lines).toContainEqual(expect.objectContaining({ level: "error", requestId: "lb-boom-0001" }));
      expect(lines.find((line) => line.level === "error")!.err!.stack).toContain("hunter2");
    } finally {
      await door.close();
    }
  });

  it("hands the handler its decoded params, the body and the front door's headers, a URL on the public origin whatever the Host, and sends the answer as Next would", async () => {
    let seen: { url: string; params: Record<string, string>; body: string; custom: string | null; requestId: string | null } | null = null;
    const door = await frontDoor(
      withChatHandler(async (request, { params }) => {
        seen = { url: request.url, params: await params, body: await request.text(), custom: request.headers.get("x-custom"), requestId: request.headers.get("x-request-id") };
        const headers = new Headers({ "content-type": "application/json", vary: "Origin", "x-content-type-options": "sniff-away", "content-length": "999" });
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/");
        return new Response(JSON.stringify({ ok: true }), { status: 201, headers });
      }),
    );
    try {
      const answer = await rawPost(
        door.port,
        "/api/chat/caf%C3%A9%20bar/messages?x=1",
        { host: "evil.example", "x-custom": "kept", "content-type": "application/json", "x-request-id": "<script>" },
        Buffer.from('{"hello":"wörld"}'),
      );
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body)).toEqual({ ok: true });
      expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
      // The front door's security header stands; the body's real length is sent, not the handler's claim.
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength('{"ok":true}')));
      expect(answer.headers.vary).toBe("Origin");
      expect(seen).toEqual({
        url: `${ORIGIN}/api/chat/caf%C3%A9%20bar/messages?x=1`,
        params: { channelId: "café bar" },
        body: '{"hello":"wörld"}',
        custom: "kept",
        // The id the front door gave the request (an unsafe one is replaced), as the answer carries it.
        requestId: answer.headers["x-request-id"],
      });
      expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      // A segment that does not decode is Next's to answer.
      expect((await rawPost(door.port, "/api/chat/%E0%A4%A/messages", {}, Buffer.from("{}"))).status).toBe(299);
    } finally {
      await door.close();
    }
  });

  it("lists only routes of the app, and loads each one's handler", () => {
    for (const { method, pattern } of directRoutePatterns()) {
      // The pattern is the one the matcher names for a path of it (so the front door finds it).
      const examplePath = pattern.replace(/\[[^\]]+\]/g, "x");
      expect(routePattern(examplePath)).toBe(pattern);
      expect(chatRoutes.routes.get(directRouteKey(method, pattern))?.handler).toBeTypeOf("function");
    }
    expect(chatRoutes.routes.size).toBe(directRoutePatterns().length);
  });

  it("lists only routes whose code reads nothing from Next's request scope, nor the request's abort signal", () => {
    // What works only inside Next's handling of a request (vitest stands some of them in, so only
    // reading the code finds them): request-scoped headers and cookies, caching, after/connection.
    // A request's abort signal never fires on the direct path (lib/server/call-web-handler.ts).
    const forbidden = [/from\s*["']next\/(headers|cache|navigation)["']/, /import\s*{[^}]*\b(after|connection|unstable_\w+)\b[^}]*}\s*from\s*["']next\/server["']/, /\b(request|req)\.signal\b/];
    const root = process.cwd();
    const resolve = (from: string, specifier: string): string | null => {
      const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
      if (!base) return null; // a package: its own code is not the app's
      return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((file) => existsSync(file) && file.match(/\.tsx?$/)) ?? null;
    };
    for (const { pattern } of directRoutePatterns()) {
      const entry = path.join(root, "app", pattern, "route.ts");
      const seen = new Set<string>([entry]);
      const queue = [entry];
      while (queue.length > 0) {
        const file = queue.pop()!;
        const source = readFileSync(file, "utf8");
        for (const rule of forbidden) expect(source, `${path.relative(root, file)} (in ${pattern}'s imports)`).not.toMatch(rule);
        for (const match of source.matchAll(/(?:from\s*|import\s*\(\s*|^import\s+)["']([^"']+)["']/gm)) {
          const next = resolve(file, match[1]!);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      // The walk reached the app's code (the route, its services, the database), not just the file.
      expect(seen.size).toBeGreaterThan(50);
    }
  });
});
