import fc from "fast-check";
import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

// Every public input boundary, fed generated hostile strings (lib/testing/hostile-strings.ts).
// Asserted for each: no 5xx ever; an accepted value reads back byte-exact, or exactly as the one
// rule for that field says (trimmed); a refused value wrote nothing. `npm test` runs a bounded,
// fixed-seed set; `npm run fuzz` runs many more with a fresh seed (fast-check prints it on a failure).
vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { chatRateLimits, contacts } = await import("@/lib/db/schema/contacts");
const { channels } = await import("@/lib/db/schema/channels");
const { conversations, messages } = await import("@/lib/db/schema/conversations");
const { apiKeys } = await import("@/lib/db/schema/platform");
const { workspaces } = await import("@/lib/db/schema/workspaces");
const { seedDemoData } = await import("@/lib/db/seed/demo-seed");
const { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS } = await import("@/lib/db/seed/demo-identities");
const { call, keyFor } = await import("@/lib/api/__tests__/api-fixtures");
const { hostileString, invalidUtf8 } = await import("@/lib/testing/hostile-strings");
const { normalizeLineBreaks, textProblem } = await import("@/lib/validation/text");
const { externalIdSchema, normalizeExternalId } = await import("@/lib/contacts/external-id");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { readIdentityParams, signIdentity } = await import("@/lib/chat/identity");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { runService } = await import("@/lib/services/run-service");
const { twilioSignature } = await import("@/lib/sms/twilio-signature");
const upsertContactRoute = await import("@/app/api/v1/contacts/[externalId]/route");
const startConversationRoute = await import("@/app/api/v1/conversations/route");
const postMessageRoute = await import("@/app/api/v1/conversations/[conversationId]/messages/route");
const chatMessagesRoute = await import("@/app/api/chat/[channelId]/messages/route");
const smsInboundRoute = await import("@/app/api/sms/[channelId]/inbound/route");
const { renameWorkspaceAction } = await import("@/lib/actions/workspace");

// Tests may read the environment directly; PARLEY_FUZZ_RUNS is set only by `npm run fuzz`.
const runs = Number(process.env.PARLEY_FUZZ_RUNS);
const settings = Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : { numRuns: 25, seed: 20_261_130 };

let key: string;
let contactId: string;
let conversationId: string;
let chatToken: string;
let chatContactId: string;
let smsChannelId: string;
const SMS_TOKEN = "fuzz-twilio-token";
const encoder = new TextEncoder();

const countIn = async (table: typeof contacts | typeof messages | typeof conversations) =>
  (await getDb().select({ n: count() }).from(table).where(eq(table.workspaceId, ACME_WORKSPACE_ID)))[0]!.n;
const lastMessageText = async () =>
  (await getDb().select({ text: messages.text }).from(messages).where(eq(messages.workspaceId, ACME_WORKSPACE_ID)).orderBy(desc(messages.createdAt), desc(messages.id)).limit(1))[0]?.text;

beforeAll(async () => {
  await seedDemoData(getDb());
  key = await keyFor(ACME_WORKSPACE_ID);
  // Hundreds of requests from one key in a minute: the rate limit is tested elsewhere.
  await getDb().update(apiKeys).set({ rateLimitPerMinute: 1_000_000 }).where(eq(apiKeys.workspaceId, ACME_WORKSPACE_ID));
  const [contact] = await getDb().insert(contacts).values({ workspaceId: ACME_WORKSPACE_ID, firstName: "Fuzz", phone: "+14155550999" }).returning();
  contactId = contact!.id;
  const started = await call(startConversationRoute.POST, { path: "/api/v1/conversations", key, body: { contact: { id: contactId }, message: "Hello", openMode: "immediately" } });
  conversationId = (started.json.conversation as { id: string }).id;
  const chat = (await findChatChannel(ACME_CHAT_CHANNEL_ID))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  chatToken = opened.context.token;
  chatContactId = opened.context.session.contactId;
  const [sms] = await getDb()
    .insert(channels)
    .values({
      workspaceId: ACME_WORKSPACE_ID,
      kind: "sms",
      name: "Fuzz SMS",
      identitySecret: "s",
      config: { provider: "twilio", fromNumber: "+14155550100", accountSid: "ACfuzz", authToken: SMS_TOKEN, baseUrl: "https://api.twilio.com" },
    })
    .returning();
  smsChannelId = sms!.id;
});

describe("every public boundary, fed hostile strings", () => {
  it("PUT /api/v1/contacts/{externalId}: the path, a name and an attribute value", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), hostileString(), hostileString(), async (externalId, firstName, city) => {
        const before = await countIn(contacts);
        const response = await call(upsertContactRoute.PUT, {
          method: "PUT",
          path: "/api/v1/contacts/x",
          key,
          params: { externalId },
          rawBody: JSON.stringify({ firstName, attributes: { city } }),
        });
        expect(response.status).toBeLessThan(500);
        // A path that names no contact (blank, too long) is a 404 before the body is read.
        const pathNamesOne = externalIdSchema.safeParse(externalId).success;
        if (textProblem(externalId) || (pathNamesOne && (textProblem(firstName) || textProblem(city)))) expect(response.status).toBe(400);
        if (response.status >= 400) {
          expect(await countIn(contacts)).toBe(before);
          return;
        }
        const stored = response.json.contact as { externalId: string; firstName: string | null; attributes: Record<string, unknown> };
        expect(stored.externalId).toBe(normalizeExternalId(externalId));
        expect(stored.firstName).toBe(firstName.trim());
        expect(stored.attributes.city).toBe(city);
        const [row] = await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, ACME_WORKSPACE_ID), eq(contacts.externalId, stored.externalId)));
        expect(row).toMatchObject({ firstName: firstName.trim(), attributes: expect.objectContaining({ city }) });
      }),
      settings,
    );
  });

  it("PUT /api/v1/contacts/{externalId}: attribute names, prototype names among them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString(3), fc.constantFrom("__proto__", "constructor", "toString", "valueOf", "prototype", "city")), async (name) => {
        const rawBody = `{"attributes":{${JSON.stringify(name)}:"v"}}`;
        const response = await call(upsertContactRoute.PUT, { method: "PUT", path: "/api/v1/contacts/keys", key, params: { externalId: "fuzz-keys" }, rawBody });
        expect(response.status).toBeLessThan(500);
        // Accepted names read back as sent; nothing leaks onto Object.prototype.
        if (response.status < 300) expect((response.json.contact as { attributes: Record<string, unknown> }).attributes[name]).toBe("v");
        expect(Object.prototype).not.toHaveProperty("v");
      }),
      settings,
    );
  });

  it("POST /api/v1/conversations: the message, the sender's name and a reference", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), hostileString(3), hostileString(3), async (message, senderName, externalRef) => {
        const before = await countIn(conversations);
        const response = await call(startConversationRoute.POST, {
          path: "/api/v1/conversations",
          key,
          rawBody: JSON.stringify({ contact: { id: contactId }, message, senderName, externalRef }),
        });
        expect(response.status).toBeLessThan(500);
        if (response.status !== 201) {
          expect(await countIn(conversations)).toBe(before);
          return;
        }
        const conversation = response.json.conversation as { externalRef: string | null; messages: { authorName: string }[] };
        expect(conversation.externalRef).toBe(externalRef.trim() === "" ? null : externalRef.trim());
        expect(conversation.messages[0]!.authorName).toBe(senderName.trim());
        expect(await countIn(conversations)).toBe(before + 1);
      }),
      settings,
    );
  });

  it("POST /api/v1/conversations/{id}/messages as the contact: their words, kept as written", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), async (text) => {
        const before = await countIn(messages);
        const response = await call(postMessageRoute.POST, {
          path: `/api/v1/conversations/${conversationId}/messages`,
          key,
          params: { conversationId },
          rawBody: JSON.stringify({ author: { type: "contact" }, message: text }),
        });
        expect(response.status).toBeLessThan(500);
        // Their words as written; only line breaks become "\n" (lib/validation/text.ts).
        if (response.status === 201) expect(await lastMessageText()).toBe(normalizeLineBreaks(text).trim());
        else expect(await countIn(messages)).toBe(before);
      }),
      settings,
    );
  });

  it("API bodies carrying bytes that are not UTF-8: refused, nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async (bytes) => {
        const before = await countIn(conversations);
        const body = new Uint8Array([...encoder.encode(`{"contact":{"id":"${contactId}"},"message":"a`), ...bytes, ...encoder.encode(`b"}`)]);
        const response = await call(startConversationRoute.POST, { path: "/api/v1/conversations", key, rawBody: body });
        expect(response.status).toBe(400);
        expect(await countIn(conversations)).toBe(before);
      }),
      settings,
    );
  });

  it("POST /api/chat/{channel}/messages: the public chat, text and raw bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString().map((text) => ({ text })), invalidUtf8.map((bytes) => ({ bytes }))), async (input) => {
        // The contact may send 30 messages a minute; every case here is judged on its own.
        await getDb().delete(chatRateLimits).where(eq(chatRateLimits.contactId, chatContactId));
        const before = await countIn(messages);
        const body =
          "text" in input
            ? JSON.stringify({ text: input.text, clientId: crypto.randomUUID() })
            : new Blob([new Uint8Array([...encoder.encode(`{"text":"x`), ...input.bytes, ...encoder.encode(`","clientId":"${crypto.randomUUID()}"}`)])]);
        const response = await chatMessagesRoute.POST(
          new Request(`http://localhost:3000/api/chat/${ACME_CHAT_CHANNEL_ID}/messages`, {
            method: "POST",
            headers: { "Content-Type": "application/json", [CHAT_SESSION_HEADER]: chatToken },
            body,
          }),
          { params: Promise.resolve({ channelId: ACME_CHAT_CHANNEL_ID }) },
        );
        expect(response.status).toBeLessThan(500);
        if ("bytes" in input) expect(response.status).toBe(400);
        if (response.status === 201 && "text" in input) expect(await lastMessageText()).toBe(normalizeLineBreaks(input.text).trim());
        if (response.status >= 400) expect(await countIn(messages)).toBe(before);
      }),
      settings,
    );
  });

  it("the chat's signed identity (user_id) names one contact, by the external id rule", async () => {
    const chat = (await findChatChannel(ACME_CHAT_CHANNEL_ID))!;
    await fc.assert(
      fc.asyncProperty(hostileString(4), async (userId) => {
        const identity = readIdentityParams(userId, signIdentity(normalizeExternalId(userId), chat.identitySecret));
        const before = await countIn(contacts);
        const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity, cookieToken: null });
        if (identity.kind === "malformed") {
          expect(opened).toEqual({ ok: false, reason: "bad_identity" });
          expect(await countIn(contacts)).toBe(before);
          return;
        }
        expect(opened.ok).toBe(true);
        if (identity.kind !== "identified" || !opened.ok) return;
        expect(identity.identity).toBe(normalizeExternalId(userId));
        const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, opened.context.session.contactId));
        const namedBy = [contact!.externalId, contact!.email?.toLowerCase()];
        expect(namedBy.includes(identity.identity) || namedBy.includes(identity.identity.toLowerCase())).toBe(true);
      }),
      settings,
    );
  });

  it("POST /api/sms/{channel}/inbound: a provider's signed form, text and raw bytes", async () => {
    let n = 0;
    const url = () => `http://localhost:3000/api/sms/${smsChannelId}/inbound`;
    const post = (body: string, signature: string) =>
      smsInboundRoute.POST(
        new Request(url(), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body }),
        { params: Promise.resolve({ channelId: smsChannelId }) },
      );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString().map((text) => ({ text })), invalidUtf8.map((bytes) => ({ bytes }))), async (input) => {
        const before = await countIn(messages);
        const sid = `SMfuzz${n++}x${Date.now()}`;
        if ("bytes" in input) {
          // Escaped bytes that are not UTF-8 are refused before anything else is looked at.
          const escaped = input.bytes.map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join("");
          const response = await post(`MessageSid=${sid}&From=%2B14155550999&To=%2B14155550100&Body=a${escaped}b`, "unsigned");
          expect(response.status).toBe(400);
          expect(await countIn(messages)).toBe(before);
          return;
        }
        const params: [string, string][] = [["MessageSid", sid], ["From", "+14155550999"], ["To", "+14155550100"], ["Body", input.text]];
        // What a provider can send is UTF-8: a lone surrogate cannot be encoded, and leaves as U+FFFD.
        const body = new URLSearchParams(params).toString();
        const sent = new URLSearchParams(body).get("Body")!;
        const response = await post(body, twilioSignature(SMS_TOKEN, url(), [...new URLSearchParams(body)]));
        expect(response.status).toBeLessThan(500);
        if (textProblem(sent)) expect(response.status).toBe(400);
        if (response.status >= 400) expect(await countIn(messages)).toBe(before);
        // A text with no words (a picture-only MMS) is recorded as "(empty message)".
        else if ((await countIn(messages)) > before) expect(await lastMessageText()).toBe(sent.trim() === "" ? "(empty message)" : normalizeLineBreaks(sent).trim());
      }),
      settings,
    );
  });

  it("server actions: a form's text, through the one guard", async () => {
    signInAs({ id: DEMO_USERS[0].id });
    await fc.assert(
      fc.asyncProperty(hostileString(4), async (name) => {
        const [before] = await getDb().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ACME_WORKSPACE_ID));
        const result = await renameWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, name });
        const [after] = await getDb().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ACME_WORKSPACE_ID));
        if (textProblem(name)) expect(result).toMatchObject({ ok: false, code: "invalid_text" });
        if (result.ok) expect(after!.name).toBe(name.trim());
        else {
          expect(result.code).not.toBe("internal_error");
          expect(after!.name).toBe(before!.name);
        }
      }),
      settings,
    );
  });
});
