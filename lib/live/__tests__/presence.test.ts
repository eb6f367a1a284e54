import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { startConversation } = await import("@/lib/conversations/start-conversation");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { runService } = await import("@/lib/services/run-service");
const { asSystem } = await import("@/lib/testing/service-scope");
const { signInAs } = await import("@/lib/testing/session-mock");
const { stopLiveListener } = await import("@/lib/live/listener");
const { presenceAllowed, PRESENCE_THROTTLE_MS } = await import("@/lib/live/presence");
const chatEvents = await import("@/app/api/chat/[channelId]/events/route");
const chatPresence = await import("@/app/api/chat/[channelId]/presence/route");
const agentEvents = await import("@/app/api/events/route");
const agentTyping = await import("@/app/api/workspaces/[workspaceId]/conversations/[conversationId]/typing/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
const contact = { a: { id: "", token: "", conversationId: "", messageId: "" }, b: { id: "", token: "", conversationId: "", messageId: "" } };
const streams: AbortController[] = [];

const { waitUntil } = await import("@/lib/testing/child-processes");
const until = <T>(probe: () => T, what: string, timeoutMs = 5_000) => waitUntil(probe, { what, timeoutMs, intervalMs: 20 });

/** Reads an SSE response into a growing text, as a browser's EventSource would receive it. */
async function listen(response: Response, abort: AbortController) {
  streams.push(abort);
  const reader = response.body!.getReader();
  const state = { text: "" };
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      state.text += new TextDecoder().decode(chunk.value);
    }
  })();
  await until(() => state.text.includes("event: ready"), "ready");
  return state;
}

async function chatStream(token: string) {
  const abort = new AbortController();
  const response = await chatEvents.GET(new Request(`http://localhost/api/chat/${ws.chatChannelId}/events?session=${encodeURIComponent(token)}`, { signal: abort.signal }), {
    params: Promise.resolve({ channelId: ws.chatChannelId }),
  });
  return listen(response, abort);
}

function contactPresence(token: string, body: unknown) {
  return chatPresence.POST(
    new Request(`http://localhost/api/chat/${ws.chatChannelId}/presence`, { method: "POST", headers: { [CHAT_SESSION_HEADER]: token, "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ channelId: ws.chatChannelId }) },
  );
}

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  const channel = (await findChatChannel(ws.chatChannelId))!;
  for (const who of [contact.a, contact.b]) {
    const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity: { kind: "anonymous" }, cookieToken: null });
    if (!opened.ok) throw new Error("refused");
    who.id = opened.context.session.contactId;
    who.token = opened.context.token;
    const started = await runService(await asSystem(ws.workspaceId), startConversation, {
      contactId: who.id, channelId: ws.chatChannelId, origin: "api", direction: "to_contact", startWith: "message",
      content: contactTextToContent("Hello"), openMode: "after_reply", sender: { userId: ws.agentId, name: "Sam Support" },
      assignOnOpen: { type: "unassigned" }, customerDestination: null, thirdParty: false,
    });
    who.conversationId = started.conversationId;
    const rows = await getDb().execute<{ id: string }>(sql`SELECT id FROM messages WHERE conversation_id = ${started.conversationId} LIMIT 1`);
    who.messageId = rows.rows[0]!.id;
  }
});

afterAll(async () => {
  for (const abort of streams) abort.abort();
  await stopLiveListener();
});

describe("typing and seen", () => {
  it("an agent typing reaches that contact's chat as '<name> is typing', not another contact's, and is stored nowhere", async () => {
    const [a, b] = [await chatStream(contact.a.token), await chatStream(contact.b.token)];
    const before = await getDb().execute<{ n: number }>(sql`SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM audit_log) AS n`);
    signInAs({ id: ws.agentId });
    const response = await agentTyping.POST(new Request(`http://localhost/api/workspaces/${ws.workspaceId}/conversations/${contact.a.conversationId}/typing`, { method: "POST" }), {
      params: Promise.resolve({ workspaceId: ws.workspaceId, conversationId: contact.a.conversationId }),
    });
    expect(response.status).toBe(204);
    await until(() => a.text.includes("event: typing"), "the typing event");
    expect(a.text).toContain('"name":"Sam Support"');
    expect(a.text).not.toContain("event: change");
    // B's stream is still open and hears its own events; A's typing never reaches it.
    signInAs({ id: ws.agentId });
    await agentTyping.POST(new Request(`http://localhost/api/workspaces/${ws.workspaceId}/conversations/${contact.b.conversationId}/typing`, { method: "POST" }), {
      params: Promise.resolve({ workspaceId: ws.workspaceId, conversationId: contact.b.conversationId }),
    });
    await until(() => b.text.includes("event: typing"), "B's own typing event");
    expect(b.text.split("event: typing").length - 1).toBe(1);
    const after = await getDb().execute<{ n: number }>(sql`SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM audit_log) AS n`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it("another workspace's agent cannot send typing into this conversation (404)", async () => {
    const other = await createWorkspaceFixture(getDb());
    signInAs({ id: other.agentId });
    const response = await agentTyping.POST(new Request(`http://localhost/api/workspaces/${other.workspaceId}/conversations/${contact.a.conversationId}/typing`, { method: "POST" }), {
      params: Promise.resolve({ workspaceId: other.workspaceId, conversationId: contact.a.conversationId }),
    });
    expect(response.status).toBe(404);
  });

  it("the contact typing and seeing a message reach the agents' stream as presence, never as a change to reload", async () => {
    signInAs({ id: ws.agentId });
    const abort = new AbortController();
    const inbox = await listen(await agentEvents.GET(new Request(`http://localhost/api/events?workspaceId=${ws.workspaceId}`, { signal: abort.signal })), abort);
    expect((await contactPresence(contact.a.token, { kind: "typing", conversationId: contact.a.conversationId })).status).toBe(204);
    expect((await contactPresence(contact.a.token, { kind: "seen", conversationId: contact.a.conversationId, messageId: contact.a.messageId })).status).toBe(204);
    await until(() => inbox.text.includes("seen.contact"), "the seen event");
    expect(inbox.text).toContain(`"type":"typing.contact","conversationId":"${contact.a.conversationId}"`);
    expect(inbox.text).toContain(`"type":"seen.contact","conversationId":"${contact.a.conversationId}","userId":null,"name":null,"messageId":"${contact.a.messageId}"`);
    expect(inbox.text).not.toContain("event: change");
  });

  it("a contact cannot speak for another contact's conversation or message (404)", async () => {
    expect((await contactPresence(contact.a.token, { kind: "typing", conversationId: contact.b.conversationId })).status).toBe(404);
    expect((await contactPresence(contact.a.token, { kind: "seen", conversationId: contact.a.conversationId, messageId: contact.b.messageId })).status).toBe(404);
  });

  it("is throttled: one event per sender and conversation per window", () => {
    const key = `test:${Math.random()}`;
    expect(presenceAllowed(key, 1_000_000)).toBe(true);
    expect(presenceAllowed(key, 1_000_000 + PRESENCE_THROTTLE_MS - 1)).toBe(false);
    expect(presenceAllowed(`${key}:other`, 1_000_000 + 1)).toBe(true);
    expect(presenceAllowed(key, 1_000_000 + PRESENCE_THROTTLE_MS)).toBe(true);
  });
});
