import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { contacts } = await import("@/lib/db/schema/contacts");
const { messages } = await import("@/lib/db/schema/conversations");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { readIdentityParams } = await import("@/lib/chat/identity");
const { chatLinkFor } = await import("@/lib/chat/chat-link");
const { runService } = await import("@/lib/services/run-service");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const messagesRoute = await import("@/app/api/chat/[channelId]/messages/route");

let ws: Awaited<ReturnType<typeof createWorkspaceFixture>>;
let token: string;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  const channel = (await findChatChannel(ws.chatChannelId))!;
  const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  token = opened.context.token;
});

const send = (rawBody: string | Uint8Array) =>
  messagesRoute.POST(
    new Request(`http://localhost:3000/api/chat/${ws.chatChannelId}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", [CHAT_SESSION_HEADER]: token },
      body: rawBody instanceof Uint8Array ? new Blob([new Uint8Array(rawBody)]) : rawBody,
    }),
    { params: Promise.resolve({ channelId: ws.chatChannelId }) },
  );
const messageCount = async () => (await getDb().select().from(messages).where(eq(messages.workspaceId, ws.workspaceId))).length;

describe("the public chat refuses text PostgreSQL cannot store, never with a 500", () => {
  it.each([
    ["a NUL", `{"text":"a\\u0000b","clientId":"${randomUUID()}"}`],
    ["an unpaired surrogate", `{"text":"a\\ud800b","clientId":"${randomUUID()}"}`],
  ])("answers %s with 400 invalid_text and stores nothing", async (_label, body) => {
    const before = await messageCount();
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_text");
    expect(await messageCount()).toBe(before);
  });

  it("answers bytes that are not UTF-8 with 400 invalid_text", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`{"text":"caf`), 0xe9, ...new TextEncoder().encode(`","clientId":"${randomUUID()}"}`)]);
    const response = await send(bytes);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_text");
  });

  it("keeps a message with emoji and joiners byte-exact", async () => {
    const response = await send(JSON.stringify({ text: "👋🏽 hi\u200d there", clientId: randomUUID() }));
    expect(response.status).toBe(201);
    const [stored] = await getDb().select().from(messages).where(eq(messages.workspaceId, ws.workspaceId)).orderBy(messages.createdAt).limit(1);
    expect(stored!.text).toBe("👋🏽 hi\u200d there");
  });
});

describe("the chat identity and the link signer use the one external id rule", () => {
  it("signs the link for a padded external id as the chat reads it back, and opens that contact", async () => {
    const [contact] = await getDb().insert(contacts).values({ workspaceId: ws.workspaceId, externalId: "crm-77", firstName: "Pat" }).returning();
    const [link] = await chatLinkFor(ws.workspaceId, { externalId: " crm-77 ", email: null });
    const query = new URL(link!.href, "http://localhost").searchParams;
    expect(query.get("user_id")).toBe("crm-77");
    const identity = readIdentityParams(`${query.get("user_id")!} `, query.get("user_hash")!);
    const channel = (await findChatChannel(ws.chatChannelId))!;
    const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity, cookieToken: null });
    expect(opened.ok && opened.context.session.contactId).toBe(contact!.id);
  });

  it("treats an identity with a NUL as malformed", () => {
    expect(readIdentityParams("crm\u0000", "a".repeat(64))).toEqual({ kind: "malformed" });
  });
});
