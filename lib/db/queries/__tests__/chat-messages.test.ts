import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { startConversation } = await import("@/lib/conversations/start-conversation");
const { postAgentMessage } = await import("@/lib/conversations/agent-actions");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asMember, asSystem } = await import("@/lib/testing/service-scope");
const { stopLiveListener } = await import("@/lib/live/listener");
const { listChatMessages } = await import("@/lib/db/queries/chat-messages");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;

async function openSession() {
  const chat = (await findChatChannel(ws.chatChannelId))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("the chat session was refused");
  const { session } = opened.context;
  return { workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: session.contactId, sessionId: session.id };
}

const texts = (list: Awaited<ReturnType<typeof listChatMessages>>) => list.map((message) => ({ own: message.own, authorName: message.authorName, html: message.html }));

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});

afterAll(async () => {
  await stopLiveListener();
});

describe("the contact's chat shows only what was delivered to them or written by them", () => {
  it("never shows the message a From Contact start recorded in their name, even once the conversation is open and answered", async () => {
    const scope = await openSession();
    const started = await runService(await asSystem(ws.workspaceId), startConversation, {
        contactId: scope.contactId,
        channelId: ws.chatChannelId,
        origin: "api",
        direction: "from_contact",
        startWith: "message",
        content: contactTextToContent("Recorded in their name"),
        openMode: "immediately",
        sender: { userId: ws.agentId, name: "Sam Support" },
        assignOnOpen: { type: "unassigned" },
        customerDestination: null,
        thirdParty: false,
      });
    // Open at once, so the old rule (hide From Contact campaigns) no longer hid it.
    expect(await listChatMessages(scope)).toEqual([]);

    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, {
      conversationId: started.conversationId,
      kind: "message",
      body: textToDocument("How can we help?"),
    });
    const reply = await runService(await asContact(ws.workspaceId, scope.contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId: scope.contactId, text: "My own words", sessionId: scope.sessionId });
    expect(reply.conversationId).toBe(started.conversationId);

    expect(texts(await listChatMessages(scope))).toEqual([
      { own: false, authorName: "Sam Support", html: "<p>How can we help?</p>" },
      { own: true, authorName: "You", html: "<p>My own words</p>" },
    ]);
  });

  it("still shows the first message of a conversation the contact opened by writing in", async () => {
    const scope = await openSession();
    const written = await runService(await asContact(ws.workspaceId, scope.contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId: scope.contactId, text: "Hello, anyone there?", sessionId: scope.sessionId });
    expect(written.createdConversation).toBe(true);
    await runService(await asContact(ws.workspaceId, scope.contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId: scope.contactId, text: "Second line", sessionId: scope.sessionId });
    expect(texts(await listChatMessages(scope))).toEqual([
      { own: true, authorName: "You", html: "<p>Hello, anyone there?</p>" },
      { own: true, authorName: "You", html: "<p>Second line</p>" },
    ]);
  });

  it("shows a To Contact start: it was delivered", async () => {
    const scope = await openSession();
    await runService(await asSystem(ws.workspaceId), startConversation, {
        contactId: scope.contactId,
        channelId: ws.chatChannelId,
        origin: "api",
        direction: "to_contact",
        startWith: "message",
        content: contactTextToContent("Delivered to you"),
        openMode: "after_reply",
        sender: { userId: ws.agentId, name: "Sam Support" },
        assignOnOpen: { type: "unassigned" },
        customerDestination: null,
        thirdParty: false,
      });
    expect(texts(await listChatMessages(scope))).toEqual([{ own: false, authorName: "Sam Support", html: "<p>Delivered to you</p>" }]);
  });
});
