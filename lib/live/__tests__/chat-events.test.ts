import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Tx } from "@/lib/db/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { getDb, getPool } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { startConversation } = await import("@/lib/conversations/start-conversation");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { notifyConversationEvents } = await import("@/lib/conversations/notify");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");
const { asSystem } = await import("@/lib/testing/service-scope");
const { subscribeToLiveEvents, stopLiveListener } = await import("@/lib/live/listener");
const eventsRoute = await import("@/app/api/chat/[channelId]/events/route");

type Signal = Parameters<Parameters<typeof subscribeToLiveEvents>[0]>[0];
type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;

let ws: Fixture;
// The events are sent on a connection of their own, so the app's pool serves only the streams.
let notifier: pg.Client;
const contact = { a: { id: "", token: "", conversationId: "" }, b: { id: "", token: "", conversationId: "" } };

const { waitUntil } = await import("@/lib/testing/child-processes");
const until = <T>(probe: () => T, what: string, timeoutMs = 5_000) => waitUntil(probe, { what, timeoutMs, intervalMs: 20 });

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  const channel = (await findChatChannel(ws.chatChannelId))!;
  for (const who of [contact.a, contact.b]) {
    const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity: { kind: "anonymous" }, cookieToken: null });
    if (!opened.ok) throw new Error("refused");
    who.id = opened.context.session.contactId;
    who.token = opened.context.token;
    const started = await runService(await asSystem(ws.workspaceId), startConversation, {
        contactId: who.id,
        channelId: ws.chatChannelId,
        origin: "api",
        direction: "to_contact",
        startWith: "message",
        content: contactTextToContent("Hello"),
        openMode: "after_reply",
        sender: { userId: ws.agentId, name: "Sam Support" },
        assignOnOpen: { type: "unassigned" },
        customerDestination: null,
        thirdParty: false,
      });
    who.conversationId = started.conversationId;
  }
  notifier = new pg.Client({ connectionString: url });
  await notifier.connect();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await stopLiveListener();
  await notifier.end();
});

// One transaction each: Postgres delivers identical notifications of one transaction once.
const notify = (conversationId: string) =>
  notifyConversationEvents({ tx: drizzle(notifier) as unknown as Tx, workspace: { id: ws.workspaceId, plan: "enterprise" }, actor: { type: "system" } }, [
    { conversationId, type: "message.created" },
  ]);

describe("a contact's chat event stream", () => {
  it("hears, in each conversation event, whose conversation it is", async () => {
    const got: Signal[] = [];
    const off = await subscribeToLiveEvents((signal) => got.push(signal));
    await notify(contact.b.conversationId);
    const signal = await until(() => got.find((s) => s.kind === "event"), "the event");
    expect(signal).toEqual({
      kind: "event",
      event: { workspaceId: ws.workspaceId, conversationId: contact.b.conversationId, contactId: contact.b.id, type: "message.created", id: expect.any(Number) },
    });
    off();
  });

  it("runs no query for another contact's events, and still passes on the contact's own", async () => {
    const abort = new AbortController();
    const response = await eventsRoute.GET(
      new Request(`http://localhost/api/chat/${ws.chatChannelId}/events?session=${encodeURIComponent(contact.a.token)}`, { signal: abort.signal }),
      { params: Promise.resolve({ channelId: ws.chatChannelId }) },
    );
    const reader = response.body!.getReader();
    let text = "";
    const pump = (async () => {
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) return;
        text += new TextDecoder().decode(chunk.value);
      }
    })();
    const changes = () => text.split("event: change").length - 1;
    await until(() => text.includes("event: ready"), "ready");
    // The contact's own conversation is checked once (channel, session, campaign) and remembered.
    await notify(contact.a.conversationId);
    await until(() => changes() === 1, "the contact's first event");

    const seenForB: Signal[] = [];
    const off = await subscribeToLiveEvents((signal) => {
      if (signal.kind === "event" && signal.event.conversationId === contact.b.conversationId) seenForB.push(signal);
    });
    const queries = vi.spyOn(getPool(), "query");
    for (let i = 0; i < 20; i++) await notify(contact.b.conversationId);
    await notify(contact.a.conversationId);
    await until(() => seenForB.length === 20 && changes() === 2, "the other contact's 20 events and this contact's second");
    // Give any check a stream might have started for those events the time to reach the pool.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(queries).not.toHaveBeenCalled();
    expect(changes()).toBe(2);
    queries.mockRestore();
    off();
    abort.abort();
    await pump;
  });

  it("resumes from its own last event after other contacts' events moved on, and misses none of its own", async () => {
    const open = (lastEventId?: string) => {
      const abort = new AbortController();
      const headers = lastEventId ? { "Last-Event-ID": lastEventId } : undefined;
      const reading = eventsRoute
        .GET(new Request(`http://localhost/api/chat/${ws.chatChannelId}/events?session=${encodeURIComponent(contact.a.token)}`, { signal: abort.signal, headers }), {
          params: Promise.resolve({ channelId: ws.chatChannelId }),
        })
        .then(async (response) => {
          const reader = response.body!.getReader();
          for (;;) {
            const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
            if (chunk.done) return;
            stream.text += new TextDecoder().decode(chunk.value);
          }
        });
      const stream = {
        text: "",
        changes: () => stream.text.split("event: change").length - 1,
        lastId: () => [...stream.text.matchAll(/^id: (.+)$/gm)].at(-1)?.[1],
        close: async () => {
          abort.abort();
          await reading;
        },
      };
      return stream;
    };
    const first = open();
    await until(() => first.text.includes("event: ready"), "ready");
    await notify(contact.a.conversationId);
    await until(() => first.changes() === 1 && first.lastId(), "the contact's event, with its id");
    // More of the other contact's events than a cursor remembers skipped ids (MAX_PENDING).
    for (let i = 0; i < 80; i++) await notify(contact.b.conversationId);
    const resumeFrom = first.lastId()!;
    await first.close();
    await notify(contact.a.conversationId);

    const resumed = open(resumeFrom);
    await until(() => resumed.text.includes("event: ready"), "the resumed stream's ready");
    expect(resumed.changes()).toBe(1);
    expect(resumed.text).not.toContain("event: resync");
    expect(resumed.text).toContain('"resumed":true');
    await resumed.close();
  });
});
