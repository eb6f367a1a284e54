import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { stopLiveListener } = await import("@/lib/live/listener");
const { notifyLiveEvents } = await import("@/lib/live/notify-live");
const { parseLiveCursor } = await import("@/lib/live/live-cursor");
const { liveEventStream } = await import("@/lib/live/sse");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { assignConversation } = await import("@/lib/conversations/agent-actions");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asMember } = await import("@/lib/testing/service-scope");
const eventsRoute = await import("@/app/api/events/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});
afterAll(async () => {
  await stopLiveListener();
});

const { waitUntil } = await import("@/lib/testing/child-processes");
const until = <T>(probe: () => T, what: string, timeoutMs = 5_000) => waitUntil(probe, { what, timeoutMs, intervalMs: 20 });

type SseEvent = { event: string; data: string };

/** Reads a text/event-stream response as EventSource does: the events, and the last id it would resume from. */
function read(response: Response, abort: AbortController, lastEventId: string | null = null) {
  const reader = response.body!.getReader();
  const events: SseEvent[] = [];
  let lastId = lastEventId;
  let text = "";
  let buffer = "";
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      const decoded = new TextDecoder().decode(chunk.value);
      text += decoded;
      buffer += decoded;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event: string | null = null;
        let data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("id: ")) lastId = line.slice(4);
          else if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data = line.slice(6);
        }
        if (event) events.push({ event, data });
      }
    }
  })();
  return {
    events,
    text: () => text,
    lastId: () => lastId,
    close: async () => {
      abort.abort();
      await pump;
    },
  };
}

async function openInbox(userId: string, lastEventId?: string) {
  signInAs({ id: userId });
  const abort = new AbortController();
  const headers: Record<string, string> = lastEventId ? { "Last-Event-ID": lastEventId } : {};
  const response = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${ws.workspaceId}`, { headers, signal: abort.signal }));
  const stream = read(response, abort, lastEventId ?? null);
  await until(() => stream.events.some((e) => e.event === "ready"), "ready");
  return stream;
}

type Change = { type: string; conversationId: string | null; conversationIds?: string[]; notification: { kind: string; key: string } | null };
const changes = (stream: { events: SseEvent[] }) => stream.events.filter((e) => e.event === "change").map((e) => JSON.parse(e.data) as Change);
/** One entry per change a stream was told of: several that are not the agent's may come as one message naming each. */
const told = (stream: { events: SseEvent[] }) =>
  changes(stream).flatMap((c) => (c.conversationIds ?? [c.conversationId]).map((conversationId) => ({ type: c.type, conversationId, notification: c.notification })));

describe("every open inbox hearing a burst of contact messages", () => {
  it("tells every agent of each message in order, and only its assignee that it is for them", async () => {
    const [contactId] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ida" }])) as [string];
    const writes = async (text: string) => runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text });
    const { conversationId } = await writes("Hello");
    await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, { conversationId, assignee: { type: "user", userId: ws.agentId } });

    const assignee = await openInbox(ws.agentId);
    const colleague = await openInbox(ws.builderId);
    // One after another without waiting for the streams: they arrive faster than a stream writes.
    const sent: string[] = [];
    for (let n = 1; n <= 12; n++) sent.push((await writes(`Message ${n}`)).messageId);

    await until(() => changes(assignee).filter((c) => c.type === "message.created").length === 12, "the twelve messages, for the assignee");
    // A colleague is told of the same events: its cursor passes the last of them.
    const lastEvent = parseLiveCursor(assignee.lastId())!.last;
    await until(() => (parseLiveCursor(colleague.lastId())?.last ?? 0) >= lastEvent, "the twelve messages, for a colleague");
    // Each is a notification for the assignee (about the conversation's latest message when it is
    // read, so a burst may name one message twice: the browser shows each key once).
    const keys = changes(assignee).map((c) => c.notification?.key);
    expect(changes(assignee).every((c) => c.conversationId === conversationId && c.notification?.kind === "contact_message")).toBe(true);
    expect(keys.every((key) => sent.some((id) => key === `message:${id}`))).toBe(true);
    expect(keys.at(-1)).toBe(`message:${sent.at(-1)}`);
    // …without a notification, several in a row perhaps as one message naming the conversation.
    expect(told(colleague).length).toBeGreaterThan(0);
    expect(changes(colleague).length).toBeLessThanOrEqual(12);
    expect(new Set(told(colleague).map((c) => JSON.stringify([c.type, c.conversationId, c.notification])))).toEqual(new Set([JSON.stringify(["message.created", conversationId, null])]));

    // Each resumes from where its last chunk left it: nothing is missing, nothing comes again.
    const resumeAt = colleague.lastId()!;
    await assignee.close();
    await colleague.close();
    const resumed = await openInbox(ws.builderId, resumeAt);
    expect(changes(resumed)).toEqual([]);
    await writes("After the reconnect");
    await until(() => told(resumed).length === 1, "the next message");
    await resumed.close();
  });
});

describe("a stream whose reader is asked about one event and not the next", () => {
  it("keeps them in order, and its id never claims the event still being asked about", async () => {
    const conversation = (n: number) => `7c0c0e00-0000-4000-8000-${String(n).padStart(12, "0")}`;
    let answer: () => void = () => {};
    const asked = new Promise<void>((resolve) => (answer = resolve));
    const abort = new AbortController();
    const response = liveEventStream(
      new Request("http://localhost/api/events", { signal: abort.signal }),
      (signal) => {
        if (signal.kind !== "event" || signal.event.workspaceId !== ws.workspaceId) return null;
        const message = { event: "change", data: { conversationId: signal.event.conversationId } };
        // The first event needs a lookup that takes a while; the second is answered at once.
        return signal.event.conversationId === conversation(1) ? asked.then(() => message) : message;
      },
      { workspaceId: ws.workspaceId },
    );
    const stream = read(response, abort);
    await until(() => stream.events.some((e) => e.event === "ready"), "ready");
    const before = parseLiveCursor(stream.lastId())!.last;

    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(1), type: "message.created" }]);
    await notifyLiveEvents(getDb(), [{ workspaceId: ws.workspaceId, conversationId: conversation(2), type: "message.created" }]);
    // Give the second event time to arrive and be written, were it not held behind the first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.events.filter((e) => e.event === "change")).toEqual([]);
    expect(parseLiveCursor(stream.lastId())!.last).toBe(before);

    answer();
    await until(() => stream.events.filter((e) => e.event === "change").length === 2, "both events");
    expect(stream.events.filter((e) => e.event === "change").map((e) => (JSON.parse(e.data) as { conversationId: string }).conversationId)).toEqual([conversation(1), conversation(2)]);
    expect(parseLiveCursor(stream.lastId())!.last).toBeGreaterThanOrEqual(before + 2);
    await stream.close();
  });
});
