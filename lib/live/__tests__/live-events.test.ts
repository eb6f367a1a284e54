import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { subscribeToLiveEvents, stopLiveListener } = await import("@/lib/live/listener");
const { LIVE_CHANNEL } = await import("@/lib/live/live-event");
const eventsRoute = await import("@/app/api/events/route");

type Signal = Parameters<Parameters<typeof subscribeToLiveEvents>[0]>[0];
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
});
afterAll(async () => {
  await stopLiveListener();
  await admin.end();
});

const notify = (payload: unknown) => admin.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, typeof payload === "string" ? payload : JSON.stringify(payload)]);

const { waitUntil } = await import("@/lib/testing/child-processes");
const until = <T>(probe: () => T, what: string, timeoutMs = 5_000) => waitUntil(probe, { what, timeoutMs, intervalMs: 20 });

describe("the shared LISTEN connection", () => {
  it("fans one NOTIFY out to every subscriber within a second, ignoring malformed payloads", async () => {
    const a: Signal[] = [];
    const b: Signal[] = [];
    const offA = await subscribeToLiveEvents((s) => a.push(s));
    const offB = await subscribeToLiveEvents((s) => b.push(s));
    const listeners = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${LIVE_CHANNEL}'`);
    expect(listeners.rows[0].n).toBe(1);

    await notify("not json");
    await notify({ workspaceId: "nope", type: "x" });
    const started = Date.now();
    await notify({ workspaceId: "0a0c0e00-0000-4000-8000-000000000001", conversationId: "0a0c0e00-0000-4000-8000-000000000002", type: "message.created" });
    await until(() => a.length > 0 && b.length > 0, "both subscribers");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(a).toEqual([{ kind: "event", event: { workspaceId: "0a0c0e00-0000-4000-8000-000000000001", conversationId: "0a0c0e00-0000-4000-8000-000000000002", type: "message.created" } }]);
    offA();
    offB();
  });

  it("hands an event only to the subscribers whose scope it is in, and a resync to all", async () => {
    const [wsA, wsB, contactX, contactY] = ["0a0c0e00-0000-4000-8000-00000000000a", "0a0c0e00-0000-4000-8000-00000000000b", "0a0c0e00-0000-4000-8000-0000000000c1", "0a0c0e00-0000-4000-8000-0000000000c2"];
    const heard = { all: [] as Signal[], a: [] as Signal[], b: [] as Signal[], x: [] as Signal[] };
    const types = (signals: Signal[]) => signals.map((signal) => (signal.kind === "event" ? signal.event.type : signal.kind));
    const offs = [
      await subscribeToLiveEvents((s) => heard.all.push(s)),
      await subscribeToLiveEvents((s) => heard.a.push(s), { workspaceId: wsA }),
      await subscribeToLiveEvents((s) => heard.b.push(s), { workspaceId: wsB }),
      await subscribeToLiveEvents((s) => heard.x.push(s), { workspaceId: wsA, contactId: contactX }),
    ];
    await notify({ workspaceId: wsA, contactId: contactX, type: "for.x" });
    await notify({ workspaceId: wsA, contactId: contactY, type: "for.y" });
    await notify({ workspaceId: wsA, type: "for.a" });
    await notify({ workspaceId: wsB, type: "for.b" });
    await until(() => heard.all.length === 4, "all four events");
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${LIVE_CHANNEL}'`);
    await until(() => heard.b.some((s) => s.kind === "resync"), "the resync");
    await until(() => [heard.all, heard.a, heard.x].every((signals) => signals.some((s) => s.kind === "resync")), "the resync everywhere");

    expect(types(heard.all)).toEqual(["for.x", "for.y", "for.a", "for.b", "resync"]);
    expect(types(heard.a)).toEqual(["for.x", "for.y", "for.a", "resync"]);
    expect(types(heard.b)).toEqual(["for.b", "resync"]);
    expect(types(heard.x)).toEqual(["for.x", "resync"]);
    for (const off of offs) off();
  });

  it("reconnects after the connection is killed and tells subscribers to resync", async () => {
    const got: Signal[] = [];
    const off = await subscribeToLiveEvents((s) => got.push(s));
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${LIVE_CHANNEL}'`);
    await until(() => got.find((s) => s.kind === "resync"), "resync after reconnect");
    await notify({ workspaceId: "0a0c0e00-0000-4000-8000-000000000001", type: "conversation.closed" });
    await until(() => got.find((s) => s.kind === "event"), "an event after reconnecting");
    off();
  });
});

describe("GET /api/events", () => {
  it("streams only the caller's workspace, and is not found for a non-member", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const other = await createWorkspaceFixture(getDb());
    signInAs({ id: ws.agentId });

    const denied = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${other.workspaceId}`));
    expect(denied.status).toBe(404);
    signedIn.user = null;
    expect((await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${ws.workspaceId}`))).status).toBe(401);

    signInAs({ id: ws.agentId });
    const abort = new AbortController();
    const response = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${ws.workspaceId}`, { signal: abort.signal }));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reader = response.body!.getReader();
    let text = "";
    const pump = (async () => {
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) return;
        text += new TextDecoder().decode(chunk.value);
      }
    })();
    await until(() => text.includes("event: ready") || undefined, "ready");
    const foreignConversation = "7a0c0e00-0000-4000-8000-000000000001";
    const ownConversation = "7a0c0e00-0000-4000-8000-000000000002";
    await notify({ workspaceId: other.workspaceId, conversationId: foreignConversation, type: "message.created" });
    await notify({ workspaceId: ws.workspaceId, conversationId: ownConversation, type: "message.created" });
    await until(() => text.includes(ownConversation) || undefined, "own event");
    expect(text).not.toContain(foreignConversation);
    abort.abort();
    await pump;
  });
  it("ends a member's stream with `revoked` once they are removed from the workspace", async () => {
    process.env.PARLEY_LIVE_RECHECK_MS = "100";
    try {
      const ws = await createWorkspaceFixture(getDb());
      signInAs({ id: ws.agentId });
      const response = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${ws.workspaceId}`));
      const reader = response.body!.getReader();
      let text = "";
      const pump = (async () => {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return;
          text += new TextDecoder().decode(chunk.value);
        }
      })();
      await until(() => text.includes("event: ready") || undefined, "ready");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(text).not.toContain("revoked");

      await admin.query("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2", [ws.workspaceId, ws.agentId]);
      await pump;
      expect(text).toContain("event: revoked");
      await notify({ workspaceId: ws.workspaceId, conversationId: "7a0c0e00-0000-4000-8000-000000000003", type: "message.created" });
      expect(text).not.toContain("7a0c0e00-0000-4000-8000-000000000003");
    } finally {
      delete process.env.PARLEY_LIVE_RECHECK_MS;
    }
  });
});
