import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { channels } = await import("@/lib/db/schema/channels");
const { contacts } = await import("@/lib/db/schema/contacts");
const { eq } = await import("drizzle-orm");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { startConversation } = await import("@/lib/conversations/start-conversation");
const { addNotes } = await import("@/lib/conversations/agent-actions");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");
const { asSystem } = await import("@/lib/testing/service-scope");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { stopLiveListener } = await import("@/lib/live/listener");
const { listChatMessages } = await import("@/lib/db/queries/chat-messages");
const messagesRoute = await import("@/app/api/chat/[channelId]/messages/route");
const eventsRoute = await import("@/app/api/chat/[channelId]/events/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let secondChannelId: string;
let contactId: string;
let otherContactId: string;
let token: string;
let sessionId: string;
const XSS = `<img src=x onerror=alert(1)><script>alert(2)</script>`;

async function start(options: { contact?: string; channel?: string; text: string; direction?: "to_contact" | "from_contact"; startWith?: "message" | "note"; destination?: string | null }) {
  return runService(await asSystem(ws.workspaceId), startConversation, {
    contactId: options.contact ?? contactId,
    channelId: options.channel ?? ws.chatChannelId,
    origin: "api",
    direction: options.direction ?? "to_contact",
    startWith: options.startWith ?? "message",
    content: contactTextToContent(options.text),
    openMode: "after_reply",
    sender: { userId: ws.agentId, name: "Sam Support" },
    assignOnOpen: { type: "unassigned" },
    customerDestination: options.destination ?? null,
    thirdParty: false,
  });
}

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  const [second] = await getDb()
    .insert(channels)
    .values({ workspaceId: ws.workspaceId, kind: "chat", name: "Docs chat", identitySecret: "s2" })
    .returning({ id: channels.id });
  secondChannelId = second!.id;
  otherContactId = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Other" }]))[0]!;
  const chat = (await findChatChannel(ws.chatChannelId))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  token = opened.context.token;
  sessionId = opened.context.session.id;
  contactId = opened.context.session.contactId;
  await getDb().update(contacts).set({ firstName: XSS }).where(eq(contacts.id, contactId));

  const visible = await start({ text: `Hi there ${XSS}` });
  await runService(await asSystem(ws.workspaceId), addNotes, {
    notes: [{ conversationId: visible.conversationId, content: contactTextToContent("SECRET internal note"), author: { userId: ws.agentId, name: "Sam" } }],
  });
  await start({ text: "Pinned to this session", destination: sessionId });
  await start({ text: "Pinned to another session", destination: "6a0c0e00-0000-4000-8000-000000000099" });
  await start({ text: "Campaign note never shown", startWith: "note" });
  await start({ text: "From contact tracking, not delivered", direction: "from_contact" });
  await start({ text: "For the other contact", contact: otherContactId });
  await start({ text: "On the docs chat", channel: secondChannelId });
});

afterAll(async () => {
  await stopLiveListener();
});

const scope = () => ({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId, sessionId });
const request = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);
const params = (channelId: string) => ({ params: Promise.resolve({ channelId }) });

describe("what a chat session reads", () => {
  it("only messages addressed to its own contact on its channel: no notes, no other contact, channel or session", async () => {
    const texts = (await listChatMessages(scope())).map((m) => m.html);
    expect(texts).toHaveLength(2);
    expect(texts.join("\n")).toContain("Pinned to this session");
    for (const hidden of ["SECRET", "another session", "never shown", "not delivered", "other contact", "docs chat"]) {
      expect(texts.join("\n")).not.toContain(hidden);
    }
  });

  it("shows the sender's name and avatar and keeps markup inert", async () => {
    const [first] = await listChatMessages(scope());
    expect(first).toMatchObject({ own: false, authorName: "Sam Support" });
    expect(first!.html).toContain("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;");
    expect(first!.html).not.toMatch(/<img|<script/);
  });

  it("GET /api/chat/:channel/messages answers the session's messages, and 401 for a token of another channel", async () => {
    const ok = await messagesRoute.GET(request(`/api/chat/${ws.chatChannelId}/messages`, { headers: { [CHAT_SESSION_HEADER]: token } }), params(ws.chatChannelId));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    const wrongChannel = await messagesRoute.GET(request(`/api/chat/${secondChannelId}/messages`, { headers: { [CHAT_SESSION_HEADER]: token } }), params(secondChannelId));
    expect(wrongChannel.status).toBe(401);
    const noToken = await messagesRoute.GET(request(`/api/chat/${ws.chatChannelId}/messages`), params(ws.chatChannelId));
    expect(noToken.status).toBe(401);
  });

  it("POST records the contact's reply through the state machine and validates the body", async () => {
    const headers = { [CHAT_SESSION_HEADER]: token, "content-type": "application/json" };
    const clientId = "5f0c0e00-0000-4000-8000-000000000001";
    const post = (body: unknown) =>
      messagesRoute.POST(request(`/api/chat/${ws.chatChannelId}/messages`, { method: "POST", headers, body: JSON.stringify(body) }), params(ws.chatChannelId));
    expect((await post({ text: "", clientId })).status).toBe(400);
    expect((await post({ text: "Yes, help please <b>now</b>", clientId })).status).toBe(201);
    expect((await post({ text: "Yes, help please <b>now</b>", clientId })).status).toBe(200);
    const mine = (await listChatMessages(scope())).filter((m) => m.own).map((m) => m.html);
    // The reply answered the newest campaign, the From Contact one, which opened. Its first message
    // was recorded in the contact's name, never written by them nor delivered, so their chat still
    // does not show it (issue 10). The reply shows once.
    expect(mine).toEqual(["<p>Yes, help please &lt;b&gt;now&lt;/b&gt;</p>"]);
  });
});

describe("live chat events", () => {
  it("streams changes to the session's own conversations only, and refuses a bad token", async () => {
    const refused = await eventsRoute.GET(request(`/api/chat/${ws.chatChannelId}/events?session=nope`), params(ws.chatChannelId));
    expect(refused.status).toBe(401);

    const abort = new AbortController();
    const response = await eventsRoute.GET(
      request(`/api/chat/${ws.chatChannelId}/events?session=${encodeURIComponent(token)}`, { signal: abort.signal }),
      params(ws.chatChannelId),
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5_000;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in: ${text}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += decoder.decode(chunk.value);
      }
    };
    await readUntil("event: ready");
    // Another contact's new campaign, then one for this contact.
    await start({ text: "Not for you", contact: otherContactId });
    const mine = await start({ text: "For you" });
    await readUntil("event: change");
    await new Promise((r) => setTimeout(r, 300));
    const changes = text.split("event: change").length - 1;
    expect(changes).toBe(1);
    expect(mine.conversationId).toBeTruthy();
    abort.abort();
  });
});
