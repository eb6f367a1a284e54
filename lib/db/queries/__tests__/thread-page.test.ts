import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { conversations, messages } = await import("@/lib/db/schema/conversations");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { listThreadPage } = await import("@/lib/db/queries/conversation-thread");
const { olderThreadMessages } = await import("@/lib/inbox/thread-pages");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;
const conversationId = randomUUID();
const base = Date.parse("2030-01-01T00:00:00Z");

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }]);
  await getDb().insert(conversations).values({ id: conversationId, workspaceId: ws.workspaceId, contactId: contactId!, channelId: ws.chatChannelId, origin: "inbound", state: "open", openedAt: new Date(base) });
  // 120 messages, two of them at the same instant (the id breaks the tie).
  await getDb()
    .insert(messages)
    .values(
      Array.from({ length: 120 }, (_, i) => {
        const content = contactTextToContent(`Message ${i + 1}`);
        return { workspaceId: ws.workspaceId, conversationId, authorType: "contact" as const, body: content.json, html: content.html, text: content.text, createdAt: new Date(base + Math.min(i, 118) * 1000) };
      }),
    );
});

const texts = (page: { messages: { html: string }[] }) => page.messages.map((m) => m.html.replace(/<[^>]+>/g, ""));

describe("a thread's pages", () => {
  it("opens with the latest messages, oldest first, then goes back a page at a time to the first", async () => {
    const latest = await listThreadPage(ws.workspaceId, conversationId);
    expect(latest.hasOlder).toBe(true);
    expect(texts(latest)).toHaveLength(50);
    expect(texts(latest).at(-1)).toMatch(/^Message 1(19|20)$/);
    expect(texts(latest)[0]).toBe("Message 71");

    const seen = new Set(texts(latest));
    let page = latest;
    let pages = 1;
    while (page.hasOlder) {
      page = await runService(await asMember(ws.workspaceId, ws.agentId), olderThreadMessages, { conversationId, before: page.messages[0]!.id });
      for (const text of texts(page)) seen.add(text);
      pages++;
    }
    expect(pages).toBe(3);
    expect(texts(page)[0]).toBe("Message 1");
    // Every message exactly once, ties on time included.
    expect(seen.size).toBe(120);
  });

  it("reads nothing of another workspace's conversation", async () => {
    const latest = await listThreadPage(ws.workspaceId, conversationId);
    const outsider = await asMember(other.workspaceId, other.agentId);
    expect(await runService(outsider, olderThreadMessages, { conversationId, before: latest.messages[0]!.id })).toEqual({ messages: [], hasOlder: false });
  });
});
