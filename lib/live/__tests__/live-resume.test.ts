import { afterAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { contacts } = await import("@/lib/db/schema/contacts");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { stopLiveListener } = await import("@/lib/live/listener");
const { notifyLiveEvents } = await import("@/lib/live/notify-live");
const { currentLiveCursor, pruneLiveEvents, replayLiveEvents, LIVE_EVENT_RETENTION_MS } = await import("@/lib/live/live-event-log");
const { CursorTracker, formatLiveCursor, parseLiveCursor } = await import("@/lib/live/live-cursor");
const eventsRoute = await import("@/app/api/events/route");

afterAll(async () => {
  await stopLiveListener();
});

const { waitUntil } = await import("@/lib/testing/child-processes");
const until = <T>(probe: () => T, what: string, timeoutMs = 5_000) => waitUntil(probe, { what, timeoutMs, intervalMs: 20 });

type SseEvent = { id: string | null; event: string; data: string };

/** Opens /api/events as a browser's EventSource would, with Last-Event-ID on a reconnect. */
async function openStream(workspaceId: string, lastEventId?: string) {
  const abort = new AbortController();
  const headers: Record<string, string> = lastEventId ? { "Last-Event-ID": lastEventId } : {};
  const response = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${workspaceId}`, { headers, signal: abort.signal }));
  const reader = response.body!.getReader();
  const events: SseEvent[] = [];
  let lastId: string | null = lastEventId ?? null;
  let buffer = "";
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += new TextDecoder().decode(chunk.value);
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map(block.split("\n").filter((line) => !line.startsWith(":")).map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
        if (fields.has("id")) lastId = fields.get("id")!;
        if (fields.has("event")) events.push({ id: fields.get("id") ?? null, event: fields.get("event")!, data: fields.get("data") ?? "" });
      }
    }
  })();
  await until(() => events.find((e) => e.event === "ready"), "ready");
  return {
    events,
    lastId: () => lastId,
    changes: () => events.filter((e) => e.event === "change").map((e) => (JSON.parse(e.data) as { conversationId: string }).conversationId),
    close: async () => {
      abort.abort();
      await pump;
    },
  };
}

const conversation = (n: number) => `7b0c0e00-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("live stream resume (Last-Event-ID)", () => {
  it("replays, once and in order, the workspace's events sent while the reader was away, then goes on live", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const other = await createWorkspaceFixture(getDb());
    signInAs({ id: ws.agentId });

    const first = await openStream(ws.workspaceId);
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(1), type: "message.created" }]);
    await until(() => first.changes().includes(conversation(1)) || undefined, "the first event live");
    const resumeAt = first.lastId();
    expect(resumeAt).toMatch(/^\d+/);
    await first.close();

    // While away: two of its workspace's events (one transaction), one of another workspace's.
    await getDb().transaction(async (tx) => {
      await notifyLiveEvents(tx, [
        { workspaceId: ws.workspaceId, conversationId: conversation(2), type: "message.created" },
        { workspaceId: other.workspaceId, conversationId: conversation(3), type: "message.created" },
        { workspaceId: ws.workspaceId, conversationId: conversation(4), type: "conversation.closed" },
      ]);
    });

    const second = await openStream(ws.workspaceId, resumeAt!);
    expect(second.changes()).toEqual([conversation(2), conversation(4)]);
    expect(JSON.parse(second.events.find((e) => e.event === "ready")!.data)).toEqual({ resumed: true });
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(5), type: "message.created" }]);
    await until(() => second.changes().includes(conversation(5)) || undefined, "a live event after the replay");
    expect(second.changes()).toEqual([conversation(2), conversation(4), conversation(5)]);
    await second.close();

    // Resuming from the last id seen replays nothing more.
    const third = await openStream(ws.workspaceId, second.lastId()!);
    expect(third.changes()).toEqual([]);
    await third.close();
  });

  it("tells a reader whose Last-Event-ID is older than the retention to resync", async () => {
    const ws = await createWorkspaceFixture(getDb());
    signInAs({ id: ws.agentId });
    const first = await openStream(ws.workspaceId);
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(11), type: "message.created" }]);
    await until(() => first.changes().includes(conversation(11)) || undefined, "an event");
    const resumeAt = first.lastId()!;
    await first.close();
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(12), type: "message.created" }]);
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(13), type: "message.created" }]);
    // Everything so far is past the retention as seen from a day later.
    expect(await pruneLiveEvents(getDb(), new Date(Date.now() + LIVE_EVENT_RETENTION_MS + 24 * 3600_000))).toBeGreaterThan(0);

    const second = await openStream(ws.workspaceId, resumeAt);
    expect(second.events.map((e) => e.event)).toEqual(["resync", "ready"]);
    expect(second.changes()).toEqual([]);
    await second.close();
  });

  it("replays to a contact only their own events", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const rows = await getDb()
      .insert(contacts)
      .values([{ workspaceId: ws.workspaceId, email: "mine@example.com" }, { workspaceId: ws.workspaceId, email: "theirs@example.com" }])
      .returning({ id: contacts.id });
    const [mine, theirs] = rows.map((row) => row.id);
    const cursor = await currentLiveCursor(getDb());
    await notifyLiveEvents(getDb(), [
      { workspaceId: ws.workspaceId, conversationId: conversation(21), contactId: mine, type: "message.created" },
      { workspaceId: ws.workspaceId, conversationId: conversation(22), contactId: theirs, type: "message.created" },
    ]);
    const after = await replayLiveEvents(getDb(), cursor, { workspaceId: ws.workspaceId, contactId: mine });
    expect(after.kind === "events" && after.events.map((e) => e.conversationId)).toEqual([conversation(21)]);
  });

  it("replays an event whose transaction committed after a later one was seen (its id is pending in the cursor)", async () => {
    const ws = await createWorkspaceFixture(getDb());
    signInAs({ id: ws.agentId });
    const reader = await openStream(ws.workspaceId);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The slow transaction takes its id first and commits last.
    let slowWritten: () => void = () => {};
    const written = new Promise<void>((resolve) => (slowWritten = resolve));
    const slow = getDb().transaction(async (tx) => {
      await notifyLiveEvents(tx, [{ workspaceId: ws.workspaceId, conversationId: conversation(31), type: "message.created" }]);
      slowWritten();
      await held;
    });
    await written;
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(32), type: "message.created" }]);
    await until(() => reader.changes().includes(conversation(32)) || undefined, "the later event");
    const resumeAt = reader.lastId()!;
    expect(parseLiveCursor(resumeAt)!.pending.length).toBeGreaterThan(0);
    await reader.close();
    release();
    await slow;

    const resumed = await openStream(ws.workspaceId, resumeAt);
    expect(resumed.changes()).toEqual([conversation(31)]);
    await resumed.close();
  });
});

describe("CursorTracker", () => {
  it("remembers the ids skipped below the newest until they arrive or expire", () => {
    const tracker = new CursorTracker({ last: 8, pending: [] }, 0);
    tracker.observe(11, 0);
    expect(formatLiveCursor(tracker.cursor(0))).toBe("11.9.10");
    tracker.observe(9, 1);
    expect(tracker.covers(9)).toBe(true);
    expect(tracker.covers(10)).toBe(false);
    expect(formatLiveCursor(tracker.cursor(120_000))).toBe("11");
    expect(parseLiveCursor("11.9.10")).toEqual({ last: 11, pending: [9, 10] });
    expect(parseLiveCursor("nonsense")).toBeNull();
  });
});
