import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq } = await import("drizzle-orm");
const { getDb, getPool } = await import("@/lib/db/client");
const { messages } = await import("@/lib/db/schema/conversations");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const messagesRoute = await import("@/app/api/chat/[channelId]/messages/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A fresh visitor of the workspace's chat: their token, and a way to POST as them. */
async function visitor() {
  const chat = (await findChatChannel(ws.chatChannelId))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  const { token } = opened.context;
  const post = (body: unknown, options: { token?: string; raw?: string } = {}) =>
    messagesRoute.POST(
      new Request(`http://localhost/api/chat/${ws.chatChannelId}/messages`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: options.token ?? token, "content-type": "application/json" },
        body: options.raw ?? JSON.stringify(body),
      }),
      { params: Promise.resolve({ channelId: ws.chatChannelId }) },
    );
  return { post, contactId: opened.context.session.contactId };
}

const sentBy = async (contactId: string) =>
  (await getDb().select({ text: messages.text }).from(messages).where(eq(messages.authorContactId, contactId)).orderBy(messages.createdAt)).map((m) => m.text);

describe("POST /api/chat/:channel/messages", () => {
  it("records a resent message once, answering it with the first one's id, without counting it against the limit", async () => {
    const { post, contactId } = await visitor();
    const clientId = randomUUID();
    const first = await post({ text: "Once only", clientId });
    expect(first.status).toBe(201);
    const { messageId } = (await first.json()) as { messageId: string };
    // Up to the limit of 30 a minute with other messages…
    for (let n = 2; n <= 30; n++) expect((await post({ text: `Message ${n}`, clientId: randomUUID() })).status).toBe(201);
    // …a resend of the first still answers with it, and a new message is refused.
    const again = await post({ text: "Once only", clientId });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ messageId });
    const refused = await post({ text: "One too many", clientId: randomUUID() });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    const texts = await sentBy(contactId);
    expect(texts.filter((text) => text === "Once only")).toHaveLength(1);
    expect(texts).toHaveLength(30);
    expect(texts).not.toContain("One too many");
  });

  it("answers a bad session before a bad body: 404 for an unknown chat, 401 for a wrong token, then 400", async () => {
    const { post } = await visitor();
    const stranger = await visitor();
    const forged = `${randomUUID()}.${"A".repeat(43)}`;
    expect((await post({ text: "" }, { token: forged })).status).toBe(401);
    expect((await post(null, { token: forged, raw: "{not json" })).status).toBe(401);
    expect((await post({ text: "Hi", clientId: randomUUID() }, { token: forged })).status).toBe(401);
    const elsewhere = await messagesRoute.POST(
      new Request(`http://localhost/api/chat/${randomUUID()}/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      { params: Promise.resolve({ channelId: randomUUID() }) },
    );
    expect(elsewhere.status).toBe(404);
    expect((await post(null, { raw: "{not json" })).status).toBe(400);
    expect((await post({ text: "", clientId: randomUUID() })).status).toBe(400);
    // A resend only finds the sender's own message: another visitor reusing its client id writes their own.
    const clientId = randomUUID();
    expect((await post({ text: "Mine", clientId })).status).toBe(201);
    expect((await stranger.post({ text: "Theirs", clientId })).status).toBe(201);
    expect(await sentBy(stranger.contactId)).toEqual(["Theirs"]);
  });

  it("looks up the channel, the session and a resend in one statement, then records the message in one transaction", async () => {
    const { post } = await visitor();
    expect((await post({ text: "Hello", clientId: randomUUID() })).status).toBe(201);
    // Statements outside a transaction go through the pool's query; the message's through a transaction.
    const statements = vi.spyOn(getPool(), "query");
    const transactions = vi.spyOn(getDb(), "transaction");
    // Every statement sent, on any connection: a message to an open conversation is five round
    // trips (the look-up; begin; the send limit's count with the contact's lock; the conversation,
    // the message and its live event; commit).
    const sent = vi.spyOn(pg.Client.prototype, "query");
    const clientId = randomUUID();
    expect((await post({ text: "Second", clientId })).status).toBe(201);
    expect(statements).toHaveBeenCalledTimes(1);
    expect(transactions).toHaveBeenCalledTimes(1);
    const named = sent.mock.calls.map(([query]) => (typeof query === "string" ? query : ((query as { name?: string; text: string }).name ?? (query as { text: string }).text)));
    expect(named).toEqual(["chat_channel_session", "begin", "contact_message_lock_counted", "contact_message_write_newest_session", "commit"]);
    sent.mockRestore();
    statements.mockClear();
    transactions.mockClear();
    // A resend is answered from that one statement.
    expect((await post({ text: "Second", clientId })).status).toBe(200);
    expect(statements).toHaveBeenCalledTimes(1);
    expect(transactions).not.toHaveBeenCalled();
  });
});
