import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as startConversation } from "@/app/api/v1/conversations/route";
import { GET as getConversation } from "@/app/api/v1/conversations/[conversationId]/route";
import { POST as postMessage } from "@/app/api/v1/conversations/[conversationId]/messages/route";
import { getDb } from "@/lib/db/client";
import { ACME_CHAT_CHANNEL_ID, DEMO_USERS, GLOBEX_CHAT_CHANNEL_ID, SALES_TEAM_ID } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { runService } from "@/lib/services/run-service";
import { useTestDatabase } from "@/lib/testing/test-database";
import { asMember } from "@/lib/testing/service-scope";
import { revokeApiKey } from "@/lib/api/api-keys";
import { hashApiKey } from "@/lib/api/api-key-secret";
import { ACME_WORKSPACE_ID, GLOBEX_WORKSPACE_ID, aContact, call, count, errorCode, keyFor } from "./api-fixtures";

await useTestDatabase();

let acmeKey: string;
let globexKey: string;
let ada: Awaited<ReturnType<typeof aContact>>;
let globexContact: Awaited<ReturnType<typeof aContact>>;

beforeAll(async () => {
  await seedDemoData(getDb());
  acmeKey = await keyFor(ACME_WORKSPACE_ID);
  globexKey = await keyFor(GLOBEX_WORKSPACE_ID);
  ada = await aContact(ACME_WORKSPACE_ID, sql`first_name = 'Ada'`);
  globexContact = await aContact(GLOBEX_WORKSPACE_ID);
});

const start = (body: unknown, options: { key?: string | null; headers?: Record<string, string>; rawBody?: string } = {}) =>
  call(startConversation, { path: "/api/v1/conversations", key: options.key === undefined ? acmeKey : options.key, body, rawBody: options.rawBody, headers: options.headers });

const validBody = () => ({ contact: { id: ada.id }, message: "Hi {{first_name}}, your order has shipped.", senderName: "Amelia AI" });

describe("POST /api/v1/conversations", () => {
  it("starts a conversation through the state machine with origin api, variables filled in", async () => {
    const before = await count("conversations");
    const response = await start({ ...validBody(), customerIdentifier: "crm-ada", externalRef: "amelia-1", openMode: "immediately" });
    expect(response.status).toBe(201);
    const conversation = response.json.conversation as Record<string, unknown> & { messages: Array<Record<string, unknown>> };
    expect(conversation).toMatchObject({
      origin: "api",
      state: "open",
      channelId: ACME_CHAT_CHANNEL_ID,
      contactId: ada.id,
      customerIdentifier: "crm-ada",
      externalRef: "amelia-1",
      thirdParty: true,
    });
    expect(conversation.messages).toHaveLength(1);
    // No member sends it: the first message is a bot's, named by senderName, as a bot's reply would be.
    expect(conversation.messages[0]).toMatchObject({ text: "Hi Ada, your order has shipped.", authorType: "bot", authorName: "Amelia AI" });
    expect(await count("conversations")).toBe(before + 1);
    expect(response.headers.get("X-RateLimit-Limit")).toBe("120");
  });

  it("keeps an after-reply conversation a campaign, as the node does", async () => {
    const response = await start({ ...validBody(), senderUserId: DEMO_USERS[1].id, senderName: undefined });
    expect(response.status).toBe(201);
    const conversation = response.json.conversation as { state: string; openedAt: string | null; messages: Array<{ authorName: string }> };
    expect(conversation.state).toBe("campaign");
    expect(conversation.openedAt).toBeNull();
    expect(conversation.messages[0]!.authorName).toBe(DEMO_USERS[1].name);
  });

  it("sends as the API key, by its name, when neither a sender nor a sender name is given", async () => {
    const bridgeKey = await keyFor(ACME_WORKSPACE_ID, ["conversations:write"], "Zendesk bridge");
    const response = await start({ contact: { id: ada.id }, message: "Hello from the bridge" }, { key: bridgeKey });
    expect(response.status).toBe(201);
    const conversation = response.json.conversation as { messages: Array<{ authorType: string; authorName: string }> };
    expect(conversation.messages[0]).toMatchObject({ authorType: "bot", authorName: "Zendesk bridge" });
  });

  it("accepts a rich-text document with variable nodes", async () => {
    const message = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Hello " }, { type: "variable", attrs: { name: "nickname", fallback: "friend" } }] }],
    };
    const response = await start({ ...validBody(), message });
    expect(response.status).toBe(201);
    expect((response.json.conversation as { messages: Array<{ text: string }> }).messages[0]!.text).toBe("Hello friend");
  });

  it("refuses a variable with no value and no fallback (422) and writes nothing", async () => {
    const before = await count("conversations");
    const response = await start({ ...validBody(), message: "Hi {{unknown_thing}}" });
    expect(response.status).toBe(422);
    expect(errorCode(response.json)).toBe("missing_variables");
    expect(await count("conversations")).toBe(before);
  });

  it("refuses \"Team (round robin)\" for a team whose automatic assignment is off (422 round_robin_off) and writes nothing; accepts it once it is on", async () => {
    await getDb().execute(sql`DELETE FROM team_round_robin WHERE team_id = ${SALES_TEAM_ID}`);
    const before = await count("conversations");
    const body = { ...validBody(), openMode: "immediately", assignee: { type: "round_robin", teamId: SALES_TEAM_ID } };
    const refused = await start(body);
    expect(refused.status).toBe(422);
    expect(errorCode(refused.json)).toBe("round_robin_off");
    expect(await count("conversations")).toBe(before);
    await getDb().execute(sql`INSERT INTO team_round_robin (team_id, workspace_id, enabled) VALUES (${SALES_TEAM_ID}, ${ACME_WORKSPACE_ID}, true)`);
    expect((await start(body)).status).toBe(201);
  });

  describe("bad input: a 4xx and no write", () => {
    type Input = { body?: unknown; rawBody?: string; headers?: Record<string, string> };
    it.each<[string, () => Input, number, string]>([
      ["malformed JSON", () => ({ rawBody: '{"contact": {"id": ' }), 400, "malformed_json"],
      ["wrong types", () => ({ body: { contact: { id: 5 }, message: ["hi"] } }), 400, "invalid_input"],
      ["an unknown field", () => ({ body: { ...validBody(), priority: "high" } }), 400, "invalid_input"],
      ["an unknown nested field", () => ({ body: { ...validBody(), contact: { id: ada.id, name: "x" } } }), 400, "invalid_input"],
      ["a missing message", () => ({ body: { contact: { email: "ada@example.com" } } }), 400, "invalid_input"],
      ["an oversized body", () => ({ body: { ...validBody(), message: "x".repeat(300 * 1024) } }), 413, "payload_too_large"],
      ["a form body", () => ({ rawBody: "contact=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type"],
    ])("%s", async (_label, input, status, code) => {
      const before = await count("conversations");
      const { body, ...options } = input();
      const response = await start(body, options);
      expect(response.status).toBe(status);
      expect(errorCode(response.json)).toBe(code);
      expect(await count("conversations")).toBe(before);
    });

    it("names the invalid fields", async () => {
      const response = await start({ ...validBody(), openMode: "later" });
      expect((response.json.error as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toContain("openMode");
    });
  });

  describe("authentication", () => {
    it("is 401 without a key, with an unknown key, and with a revoked key", async () => {
      expect((await start(validBody(), { key: null })).status).toBe(401);
      expect((await start(validBody(), { key: "prly_notarealkeyatallnotarealkeyatall" })).status).toBe(401);
      const key = await keyFor(ACME_WORKSPACE_ID);
      expect((await start(validBody(), { key })).status).toBe(201);
      const [row] = (await getDb().execute<{ id: string }>(sql`SELECT id FROM api_keys WHERE key_hash = ${hashApiKey(key)}`)).rows;
      await runService(await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id), revokeApiKey, { apiKeyId: row!.id });
      const before = await count("conversations");
      const revoked = await start(validBody(), { key });
      expect(revoked.status).toBe(401);
      expect((revoked.json.error as { message: string }).message).toMatch(/revoked/);
      expect(await count("conversations")).toBe(before);
    });

    it("is 403 for a key without the scope", async () => {
      const readOnly = await keyFor(ACME_WORKSPACE_ID, ["conversations:read"]);
      const response = await start(validBody(), { key: readOnly });
      expect(response.status).toBe(403);
      expect(errorCode(response.json)).toBe("insufficient_scope");
    });

    it("is 404 for a contact or channel of another workspace", async () => {
      const before = await count("conversations", GLOBEX_WORKSPACE_ID);
      expect((await start({ ...validBody(), contact: { id: globexContact.id } })).status).toBe(404);
      expect((await start({ ...validBody(), channelId: GLOBEX_CHAT_CHANNEL_ID })).status).toBe(404);
      expect(await count("conversations", GLOBEX_WORKSPACE_ID)).toBe(before);
    });
  });

  describe("Enterprise gating", () => {
    const globexBody = () => ({ contact: { id: globexContact.id }, message: "Hello from Globex" });

    it("lets a free workspace start a plain conversation, not in third-party systems", async () => {
      const response = await start(globexBody(), { key: globexKey });
      expect(response.status).toBe(201);
      expect((response.json.conversation as { thirdParty: boolean }).thirdParty).toBe(false);
    });

    it.each([
      ["createInThirdParty", { createInThirdParty: true }],
      ["customerIdentifier", { customerIdentifier: "crm-1" }],
      ["customerDestination", { customerDestination: "0a0c0e00-0000-4000-8000-000000000001" }],
    ])("refuses %s on the free plan with enterprise_required", async (_label, extra) => {
      const before = await count("conversations", GLOBEX_WORKSPACE_ID);
      const response = await start({ ...globexBody(), ...extra }, { key: globexKey });
      expect(response.status).toBe(403);
      expect(errorCode(response.json)).toBe("enterprise_required");
      expect(await count("conversations", GLOBEX_WORKSPACE_ID)).toBe(before);
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the stored response for the same key and body, creating one conversation", async () => {
      const before = await count("conversations");
      const headers = { "Idempotency-Key": "order-4711-shipped" };
      const first = await start(validBody(), { headers });
      const second = await start(validBody(), { headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.json).toEqual(first.json);
      expect(second.headers.get("Idempotent-Replayed")).toBe("true");
      expect(await count("conversations")).toBe(before + 1);
    });

    it("is 409 for the same key with another body", async () => {
      const headers = { "Idempotency-Key": "order-4712-shipped" };
      expect((await start(validBody(), { headers })).status).toBe(201);
      const before = await count("conversations");
      const other = await start({ ...validBody(), message: "Something else" }, { headers });
      expect(other.status).toBe(409);
      expect(errorCode(other.json)).toBe("idempotency_key_reused");
      expect(await count("conversations")).toBe(before);
    });

    it("creates one conversation when duplicates arrive at the same time", async () => {
      const before = await count("conversations");
      const headers = { "Idempotency-Key": "concurrent-1" };
      const responses = await Promise.all(Array.from({ length: 5 }, () => start(validBody(), { headers })));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(responses.map((r) => (r.json.conversation as { id: string }).id)).size).toBe(1);
      expect(await count("conversations")).toBe(before + 1);
    });

    it("lets a request that failed be retried with the same key", async () => {
      const headers = { "Idempotency-Key": "retry-after-422" };
      expect((await start({ ...validBody(), message: "Hi {{nope}}" }, { headers })).status).toBe(422);
      expect((await start({ ...validBody(), message: "Hi {{nope}}" }, { headers })).status).toBe(422);
    });

    it("refuses a malformed key", async () => {
      const response = await start(validBody(), { headers: { "Idempotency-Key": "has spaces in it" } });
      expect(response.status).toBe(400);
      expect(errorCode(response.json)).toBe("invalid_idempotency_key");
    });
  });

  it("rate limits each key with 429 and Retry-After", async () => {
    const key = await keyFor(ACME_WORKSPACE_ID);
    await getDb().execute(sql`UPDATE api_keys SET rate_limit_per_minute = 3 WHERE key_hash = ${hashApiKey(key)}`);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof start>> | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await start({ ...validBody(), message: "" }, { key });
      statuses.push(response.status);
      limited = response;
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(errorCode(limited!.json)).toBe("rate_limited");
    const retryAfter = Number(limited!.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // The fourth request of a 3-a-minute key counts too: it weighs on the next minute as well.
    expect(retryAfter).toBeLessThanOrEqual(90);
    expect(limited!.headers.get("X-RateLimit-Remaining")).toBe("0");
    // Another key of the same workspace has its own budget.
    expect((await start(validBody())).status).toBe(201);
  });
});

describe("GET /api/v1/conversations/{id}", () => {
  const get = (id: string, key = acmeKey) => call(getConversation, { method: "GET", path: `/api/v1/conversations/${id}`, key, params: { conversationId: id } });

  it("returns the conversation with its messages", async () => {
    const created = await start(validBody());
    const id = (created.json.conversation as { id: string }).id;
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(response.json.conversation).toEqual(created.json.conversation);
  });

  it("is 404 for another workspace's conversation and for a malformed id", async () => {
    const created = await start({ contact: { id: globexContact.id }, message: "Hi" }, { key: globexKey });
    const globexConversation = (created.json.conversation as { id: string }).id;
    expect((await get(globexConversation)).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
    expect((await get(globexConversation, globexKey)).status).toBe(200);
  });

  it("needs conversations:read", async () => {
    const writeOnly = await keyFor(ACME_WORKSPACE_ID, ["conversations:write"]);
    const created = await start(validBody());
    expect((await get((created.json.conversation as { id: string }).id, writeOnly)).status).toBe(403);
  });
});

describe("POST /api/v1/conversations/{id}/messages", () => {
  const post = (id: string, body: unknown, options: { key?: string; headers?: Record<string, string>; rawBody?: string } = {}) =>
    call(postMessage, { path: `/api/v1/conversations/${id}/messages`, key: options.key ?? acmeKey, body, rawBody: options.rawBody, headers: options.headers, params: { conversationId: id } });
  const campaign = async () => (await start(validBody())).json.conversation as { id: string; state: string };

  it("records the contact's reply like a reply on the channel: the campaign opens", async () => {
    const conversation = await campaign();
    expect(conversation.state).toBe("campaign");
    const response = await post(conversation.id, { author: { type: "contact" }, message: "Thanks! Where is it now?" });
    expect(response.status).toBe(201);
    const after = response.json.conversation as { id: string; state: string; openedAt: string | null; messages: Array<{ authorType: string; text: string }> };
    expect(after.id).toBe(conversation.id);
    expect(after.state).toBe("open");
    expect(after.openedAt).not.toBeNull();
    expect(after.messages.at(-1)).toMatchObject({ authorType: "contact", text: "Thanks! Where is it now?" });
  });

  it("posts an agent's answer and an agent's note", async () => {
    const conversation = await campaign();
    const answer = await post(conversation.id, { author: { type: "agent", userId: DEMO_USERS[2].id }, message: "On its way, {{first_name}}!" });
    expect(answer.status).toBe(201);
    const note = await post(conversation.id, { author: { type: "agent", userId: DEMO_USERS[2].id }, kind: "note", message: "Customer is VIP" });
    expect(note.status).toBe(201);
    const messages = (note.json.conversation as { messages: Array<{ kind: string; text: string; authorName: string }> }).messages;
    expect(messages.slice(-2)).toMatchObject([
      { kind: "message", text: "On its way, Ada!", authorName: DEMO_USERS[2].name },
      { kind: "note", text: "Customer is VIP" },
    ]);
  });

  it("posts a named bot's answer, stored as a bot and shown on the conversation", async () => {
    const conversation = await campaign();
    const response = await post(conversation.id, { author: { type: "bot", name: "  Amelia AI " }, message: "Hi {{first_name}}, I'm {{sender.name}}." });
    expect(response.status).toBe(201);
    const messageId = response.json.messageId as string;
    const stored = await getDb().execute<{ author_type: string; author_user_id: string | null; author_name: string; kind: string }>(
      sql`SELECT author_type, author_user_id, author_name, kind FROM messages WHERE id = ${messageId}`,
    );
    expect(stored.rows).toEqual([{ author_type: "bot", author_user_id: null, author_name: "Amelia AI", kind: "message" }]);
    const read = await call(getConversation, { method: "GET", path: `/api/v1/conversations/${conversation.id}`, key: acmeKey, params: { conversationId: conversation.id } });
    expect(read.status).toBe(200);
    const messages = (read.json.conversation as { messages: Array<Record<string, unknown>> }).messages;
    expect(messages.at(-1)).toMatchObject({ id: messageId, kind: "message", authorType: "bot", authorName: "Amelia AI", text: "Hi Ada, I'm Amelia AI." });
  });

  it("refuses a bot's note (400) and writes nothing", async () => {
    const conversation = await campaign();
    const before = await count("messages");
    const response = await post(conversation.id, { author: { type: "bot", name: "Amelia AI" }, kind: "note", message: "internal" });
    expect(response.status).toBe(400);
    expect(errorCode(response.json)).toBe("invalid_input");
    expect((await post(conversation.id, { author: { type: "bot", name: "   " }, message: "hi" })).status).toBe(400);
    expect((await post(conversation.id, { author: { type: "bot", name: "b".repeat(81) }, message: "hi" })).status).toBe(400);
    expect((await post(conversation.id, { author: { type: "bot", name: "Amelia AI", userId: DEMO_USERS[2].id }, message: "hi" })).status).toBe(400);
    expect(await count("messages")).toBe(before);
  });

  it("refuses an agent's message with a variable that has no value and no fallback: 422 missing_variables, as starting one does", async () => {
    const conversation = await campaign();
    const before = await count("messages");
    const response = await post(conversation.id, { author: { type: "agent", userId: DEMO_USERS[2].id }, message: "Hi {{unknown_thing}}" });
    expect(response.status).toBe(422);
    expect(errorCode(response.json)).toBe("missing_variables");
    expect(await count("messages")).toBe(before);
  });

  it("refuses bad input without writing", async () => {
    const conversation = await campaign();
    const before = await count("messages");
    expect((await post(conversation.id, { author: { type: "robot" }, message: "hi" })).status).toBe(400);
    expect((await post(conversation.id, { author: { type: "contact" }, message: "hi", extra: true })).status).toBe(400);
    expect((await post(conversation.id, { author: { type: "contact" }, kind: "note", message: "hi" })).status).toBe(400);
    expect((await post(conversation.id, undefined, { rawBody: "not json" })).status).toBe(400);
    expect((await post(conversation.id, { author: { type: "contact" }, message: "y".repeat(300_000) })).status).toBe(413);
    expect((await post(conversation.id, { author: { type: "agent", userId: DEMO_USERS[4].id }, message: "I'm from Globex" })).status).toBe(404);
    expect(await count("messages")).toBe(before);
  });

  it("is 404 for another workspace's conversation", async () => {
    const globex = (await start({ contact: { id: globexContact.id }, message: "Hi" }, { key: globexKey })).json.conversation as { id: string };
    const before = await count("messages", GLOBEX_WORKSPACE_ID);
    expect((await post(globex.id, { author: { type: "contact" }, message: "sneaky" })).status).toBe(404);
    expect(await count("messages", GLOBEX_WORKSPACE_ID)).toBe(before);
  });

  it("lands a retried message once with the same Idempotency-Key", async () => {
    const conversation = await campaign();
    const headers = { "Idempotency-Key": "msg-1" };
    const first = await post(conversation.id, { author: { type: "contact" }, message: "Once" }, { headers });
    const again = await post(conversation.id, { author: { type: "contact" }, message: "Once" }, { headers });
    expect(again.json).toEqual(first.json);
    const texts = (again.json.conversation as { messages: Array<{ text: string }> }).messages.filter((m) => m.text === "Once");
    expect(texts).toHaveLength(1);
  });
});
