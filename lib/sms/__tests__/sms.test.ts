import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as inboundRoute } from "@/app/api/sms/[channelId]/inbound/route";
import { POST as statusRoute } from "@/app/api/sms/[channelId]/status/route";
import { POST as startConversationRoute } from "@/app/api/v1/conversations/route";
import { getDb } from "@/lib/db/client";
import { ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_WORKSPACE_ID } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { useTestDatabase } from "@/lib/testing/test-database";
import { startReceiver } from "@/lib/testing/http-receiver";
import { call, keyFor } from "@/lib/api/__tests__/api-fixtures";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { createSmsChannel, updateSmsChannel } from "@/lib/sms/channels";
import { receiveInboundSms } from "@/lib/sms/inbound";
import { sandboxThread, sendSandboxReply } from "@/lib/sms/sandbox";
import type { SandboxReplyInput, SmsChannelInput } from "@/lib/sms/sms-channels.validation";
import { drainSmsOutbox } from "@/lib/sms/sms-outbox";
import { twilioSignature } from "@/lib/sms/twilio-signature";

await useTestDatabase();

const admin = () => asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id);
const createChannel = async (input: SmsChannelInput) => ({ id: (await runService(await admin(), createSmsChannel, input)).channelId });
const replyFromPhone = async (input: SandboxReplyInput) => runService(await admin(), sendSandboxReply, input);
const AUTH_TOKEN = "twilio-test-token-123";
let apiKey: string;
let twilio: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  await seedDemoData(getDb());
  apiKey = await keyFor(ACME_WORKSPACE_ID);
  twilio = await startReceiver("127.0.0.1", () => ({ status: 201, body: JSON.stringify({ sid: "SM0001", status: "queued" }), headers: { "Content-Type": "application/json" } }));
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await twilio.close();
});
beforeEach(() => {
  twilio.received.length = 0;
});

async function contactWithPhone(phone: string, firstName = "Sam") {
  const result = await getDb().execute<{ id: string }>(
    sql`INSERT INTO contacts (workspace_id, first_name, phone) VALUES (${ACME_WORKSPACE_ID}, ${firstName}, ${phone}) RETURNING id`,
  );
  return result.rows[0]!.id;
}

async function startOnChannel(channelId: string, contactId: string, message: string) {
  const response = await call(startConversationRoute, {
    path: "/api/v1/conversations",
    key: apiKey,
    body: { channelId, contact: { id: contactId }, message, senderName: "Acme bot", openMode: "after_reply" },
  });
  expect(response.status).toBe(201);
  return response.json.conversation as { id: string; state: string; customerDestination: string };
}

async function deliveries(channelId: string) {
  return (
    await getDb().execute<{ status: string; to_number: string | null; provider_message_id: string | null; attempts: number; error: string | null }>(
      sql`SELECT status, to_number, provider_message_id, attempts, error FROM sms_deliveries WHERE channel_id = ${channelId} ORDER BY id`,
    )
  ).rows;
}

async function conversationState(id: string) {
  return (await getDb().execute<{ state: string }>(sql`SELECT state FROM conversations WHERE id = ${id}`)).rows[0]!.state;
}

function signedForm(url: string, params: Record<string, string>) {
  const body = new URLSearchParams(params).toString();
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilioSignature(AUTH_TOKEN, url, Object.entries(params)) },
    body,
  });
}

describe("the SMS sandbox", () => {
  it("round trip: a text goes out to the pretend phone, its reply opens the campaign", async () => {
    const channel = await createChannel({ name: "Sandbox SMS", config: { provider: "sandbox", fromNumber: "+1 415 555 0100" } });
    const contactId = await contactWithPhone("+14155550142");
    const conversation = await startOnChannel(channel.id, contactId, "Hi {{first_name}}, your table is ready.");
    expect(conversation.customerDestination).toBe("+14155550142");
    expect(conversation.state).toBe("campaign");

    expect(await drainSmsOutbox()).toBe(1);
    expect(await deliveries(channel.id)).toMatchObject([{ status: "delivered", to_number: "+14155550142", attempts: 1 }]);
    const thread = await sandboxThread(getDb(), ACME_WORKSPACE_ID, channel.id, "+14155550142");
    expect(thread.map((m) => [m.direction, m.body])).toEqual([["outbound", "Hi Sam, your table is ready."]]);

    const reply = await replyFromPhone({ channelId: channel.id, phone: "+14155550142", body: "On my way!" });
    expect(reply).toMatchObject({ conversationId: conversation.id, opened: true });
    expect(await conversationState(conversation.id)).toBe("open");
    expect((await sandboxThread(getDb(), ACME_WORKSPACE_ID, channel.id, "+14155550142")).map((m) => m.direction)).toEqual(["outbound", "inbound"]);
    // The contact's own text is not sent back out.
    expect(await drainSmsOutbox()).toBe(0);
  });

  it("stores a text once even if its send is claimed again after a crash", async () => {
    const channel = await createChannel({ name: "Sandbox 2", config: { provider: "sandbox", fromNumber: "+14155550101" } });
    const contactId = await contactWithPhone("+14155550143");
    await startOnChannel(channel.id, contactId, "Once only");
    // Simulate a worker that stored the text and died before recording it: the row is claimed again.
    await getDb().execute(sql`
      INSERT INTO sms_sandbox_messages (workspace_id, channel_id, direction, phone, body, provider_message_id)
      SELECT workspace_id, channel_id, 'outbound', '+14155550143', 'Once only', 'SB' || id FROM sms_deliveries WHERE channel_id = ${channel.id}`);
    await drainSmsOutbox();
    expect(await sandboxThread(getDb(), ACME_WORKSPACE_ID, channel.id, "+14155550143")).toHaveLength(1);
    expect(await deliveries(channel.id)).toMatchObject([{ status: "delivered" }]);
  });

  it("texts from an unknown number create a contact and an inbound conversation", async () => {
    const channel = await createChannel({ name: "Sandbox 3", config: { provider: "sandbox", fromNumber: "+14155550102" } });
    const reply = await replyFromPhone({ channelId: channel.id, phone: "+1 (415) 555-0199", body: "Hello?" });
    expect(reply.createdConversation).toBe(true);
    const contact = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${ACME_WORKSPACE_ID} AND phone = '+14155550199'`);
    expect(contact.rows[0]!.n).toBe(1);
  });
});

describe("SMS channel services", () => {
  it("audit a new channel as the member who created it, and refuse another workspace's channel as not found", async () => {
    const channel = await createChannel({ name: "Audited SMS", config: { provider: "sandbox", fromNumber: "+14155550103" } });
    const audit = await getDb().execute<{ actor_user_id: string | null; action: string; data: Record<string, unknown> }>(
      sql`SELECT actor_user_id, action, data FROM audit_log WHERE target_id = ${channel.id}`,
    );
    expect(audit.rows).toEqual([{ actor_user_id: DEMO_USERS[0].id, action: "channel.created", data: { kind: "sms", provider: "sandbox", fromNumber: "+14155550103" } }]);

    const globexOwner = await asMember(GLOBEX_WORKSPACE_ID, DEMO_USERS[4].id);
    await expect(
      runService(globexOwner, updateSmsChannel, { channelId: channel.id, name: "Taken over", config: { provider: "sandbox", fromNumber: "+14155550199" } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      runService(await asContact(GLOBEX_WORKSPACE_ID, null), receiveInboundSms, { channelId: channel.id, from: "+14155550198", text: "hi", providerMessageId: "SMx" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const row = await getDb().execute<{ name: string }>(sql`SELECT name FROM channels WHERE id = ${channel.id}`);
    expect(row.rows[0]!.name).toBe("Audited SMS");
    const strangers = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE phone = '+14155550198'`);
    expect(strangers.rows[0]!.n).toBe(0);
  });
});

describe("the Twilio-compatible provider", () => {
  let channelId: string;
  beforeAll(async () => {
    const channel = await createChannel({
      name: "Twilio SMS",
      config: { provider: "twilio", fromNumber: "+14155550110", accountSid: "AC123", authToken: AUTH_TOKEN, baseUrl: `http://127.0.0.1:${twilio.port}` },
    });
    channelId = channel.id;
  });

  it("sends through the Messages API with basic auth, then takes delivery status from the signed callback", async () => {
    const contactId = await contactWithPhone("+14155550150");
    await startOnChannel(channelId, contactId, "Your code is 1234");
    await drainSmsOutbox();

    expect(twilio.received).toHaveLength(1);
    const request = twilio.received[0]!;
    expect(request.url).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`AC123:${AUTH_TOKEN}`).toString("base64")}`);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toMatchObject({ To: "+14155550150", From: "+14155550110", Body: "Your code is 1234" });
    expect(await deliveries(channelId)).toMatchObject([{ status: "sent", provider_message_id: "SM0001" }]);

    const url = `http://localhost:3000/api/sms/${channelId}/status`;
    const forged = new Request(url, { method: "POST", headers: { "X-Twilio-Signature": "bogus" }, body: "MessageSid=SM0001&MessageStatus=delivered" });
    expect((await statusRoute(forged, { params: Promise.resolve({ channelId }) })).status).toBe(403);
    expect(await deliveries(channelId)).toMatchObject([{ status: "sent" }]);

    const response = await statusRoute(signedForm(url, { MessageSid: "SM0001", MessageStatus: "delivered" }), { params: Promise.resolve({ channelId }) });
    expect(response.status).toBe(200);
    expect(await deliveries(channelId)).toMatchObject([{ status: "delivered" }]);
    // A late "sent" does not move it backwards.
    await statusRoute(signedForm(url, { MessageSid: "SM0001", MessageStatus: "sent" }), { params: Promise.resolve({ channelId }) });
    expect(await deliveries(channelId)).toMatchObject([{ status: "delivered" }]);
  });

  it("fails at once on a number the provider refuses, and retries a provider outage", async () => {
    await getDb().execute(sql`DELETE FROM sms_deliveries WHERE channel_id = ${channelId}`);
    twilio.setResponder(() => ({ status: 400, body: JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number" }) }));
    const contactId = await contactWithPhone("+14155550151");
    await startOnChannel(channelId, contactId, "Hello");
    await drainSmsOutbox();
    expect(await deliveries(channelId)).toMatchObject([{ status: "failed", attempts: 1, error: "The SMS provider refused the message: Invalid 'To' Phone Number (21211)" }]);

    await getDb().execute(sql`DELETE FROM sms_deliveries WHERE channel_id = ${channelId}`);
    twilio.setResponder(() => ({ status: 503 }));
    await startOnChannel(channelId, await contactWithPhone("+14155550152"), "Hello again");
    await drainSmsOutbox();
    expect(await deliveries(channelId)).toMatchObject([{ status: "queued", attempts: 1 }]);
    twilio.setResponder(() => ({ status: 201, body: JSON.stringify({ sid: "SM0002", status: "queued" }) }));
    await getDb().execute(sql`UPDATE sms_deliveries SET next_attempt_at = now() WHERE channel_id = ${channelId}`);
    await drainSmsOutbox();
    expect(await deliveries(channelId)).toMatchObject([{ status: "sent", attempts: 2, provider_message_id: "SM0002" }]);
  });

  it("records a signed inbound text as the contact's reply, once per MessageSid, and refuses a bad signature", async () => {
    twilio.setResponder(() => ({ status: 201, body: JSON.stringify({ sid: "SM0003", status: "queued" }) }));
    const contactId = await contactWithPhone("+14155550160", "Kim");
    const conversation = await startOnChannel(channelId, contactId, "Can we help?");
    const url = `http://localhost:3000/api/sms/${channelId}/inbound`;
    const params = { MessageSid: "SMin1", From: "+14155550160", To: "+14155550110", Body: "Yes please", NumMedia: "0" };

    const bad = new Request(url, { method: "POST", headers: { "X-Twilio-Signature": twilioSignature("wrong-token", url, Object.entries(params)) }, body: new URLSearchParams(params).toString() });
    expect((await inboundRoute(bad, { params: Promise.resolve({ channelId }) })).status).toBe(403);
    expect(await conversationState(conversation.id)).toBe("campaign");

    const response = await inboundRoute(signedForm(url, params), { params: Promise.resolve({ channelId }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await conversationState(conversation.id)).toBe("open");

    await inboundRoute(signedForm(url, params), { params: Promise.resolve({ channelId }) });
    const replies = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${conversation.id} AND author_type = 'contact'`);
    expect(replies.rows[0]!.n).toBe(1);
  });

  it("refuses an inbound text PostgreSQL cannot store (NUL, bytes that are not UTF-8) with 400 invalid_text, recording nothing", async () => {
    const contactId = await contactWithPhone("+14155550161", "Lee");
    const conversation = await startOnChannel(channelId, contactId, "Anything else?");
    const url = `http://localhost:3000/api/sms/${channelId}/inbound`;
    const withNul = { MessageSid: "SMnul", From: "+14155550161", To: "+14155550110", Body: "nul\u0000byte", NumMedia: "0" };
    const nul = await inboundRoute(signedForm(url, withNul), { params: Promise.resolve({ channelId }) });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { code: string } }).error.code).toBe("invalid_text");
    const notUtf8 = new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "MessageSid=SMbad&From=%2B14155550161&Body=caf%E9" });
    const bad = await inboundRoute(notUtf8, { params: Promise.resolve({ channelId }) });
    expect(bad.status).toBe(400);
    expect(await conversationState(conversation.id)).toBe("campaign");
  });

  it("keeps a conversation's texts in order when the first one has to be retried", async () => {
    await getDb().execute(sql`DELETE FROM sms_deliveries WHERE channel_id = ${channelId}`);
    twilio.received.length = 0;
    twilio.setResponder((_r, index) => (index === 0 ? { status: 500 } : { status: 201, body: JSON.stringify({ sid: `SMo${index}` }) }));
    const contactId = await contactWithPhone("+14155550170");
    const conversation = await startOnChannel(channelId, contactId, "First");
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO messages (workspace_id, conversation_id, kind, author_type, author_name, body, html, text)
        VALUES (${ACME_WORKSPACE_ID}, ${conversation.id}, 'message', 'agent', 'Acme bot', '{"type":"doc","content":[]}', '<p>Second</p>', 'Second')`);
    });
    await drainSmsOutbox();
    expect(twilio.received.map((r) => new URLSearchParams(r.body).get("Body"))).toEqual(["First"]);
    await getDb().execute(sql`UPDATE sms_deliveries SET next_attempt_at = now() WHERE channel_id = ${channelId}`);
    await drainSmsOutbox();
    expect(twilio.received.map((r) => new URLSearchParams(r.body).get("Body"))).toEqual(["First", "First", "Second"]);
  });
});
