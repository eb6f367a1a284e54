import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inboundRoute } from "@/app/api/sms/[channelId]/inbound/route";
import { POST as startConversationRoute } from "@/app/api/v1/conversations/route";
import { call, errorCode, keyFor } from "@/lib/api/__tests__/api-fixtures";
import { readContactConsent } from "@/lib/consent/contact-consent";
import { getDb } from "@/lib/db/client";
import { ACME_WORKSPACE_ID, DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel, updateSmsChannel } from "@/lib/sms/channels";
import { defaultSmsHelpText } from "@/lib/sms/keywords";
import { sandboxThread, sendSandboxReply } from "@/lib/sms/sandbox";
import { twilioSignature } from "@/lib/sms/twilio-signature";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";

await useTestDatabase();

const admin = () => asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id);
const AUTH_TOKEN = "twilio-keyword-token-1";
let apiKey: string;

beforeAll(async () => {
  await seedDemoData(getDb());
  apiKey = await keyFor(ACME_WORKSPACE_ID);
  // The channel's provider is a local address (never called: keyword answers go back in the TwiML).
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(() => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
});

async function contactWithPhone(phone: string, firstName = "Sam") {
  const result = await getDb().execute<{ id: string }>(
    sql`INSERT INTO contacts (workspace_id, first_name, phone) VALUES (${ACME_WORKSPACE_ID}, ${firstName}, ${phone}) RETURNING id`,
  );
  return result.rows[0]!.id;
}

async function smsConsent(contactId: string, phone: string) {
  return (await readContactConsent(getDb(), ACME_WORKSPACE_ID, { id: contactId, email: null, phone })).sms;
}

async function startOnChannel(channelId: string, contactId: string) {
  return call(startConversationRoute, {
    path: "/api/v1/conversations",
    key: apiKey,
    body: { channelId, contact: { id: contactId }, message: "Hi {{first_name}}, a table is free tonight.", senderName: "Acme bot", openMode: "after_reply" },
  });
}

async function contactMessages(contactId: string) {
  return (
    await getDb().execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = ${contactId} AND m.author_type = 'contact'`)
  ).rows[0]!.n;
}

describe("SMS keywords through the Twilio-compatible webhook", () => {
  let channelId: string;
  const url = () => `http://localhost:3000/api/sms/${channelId}/inbound`;
  const text = async (sid: string, from: string, body: string) => {
    const params = { MessageSid: sid, From: from, To: "+14155550700", Body: body, NumMedia: "0" };
    const request = new Request(url(), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilioSignature(AUTH_TOKEN, url(), Object.entries(params)) },
      body: new URLSearchParams(params).toString(),
    });
    const response = await inboundRoute(request, { params: Promise.resolve({ channelId }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    return response.text();
  };

  beforeAll(async () => {
    const created = await runService(await admin(), createSmsChannel, {
      name: "Acme Bistro",
      config: { provider: "twilio", fromNumber: "+14155550700", accountSid: "AC900", authToken: AUTH_TOKEN, baseUrl: "http://127.0.0.1:9" },
    });
    channelId = created.channelId;
  });

  it("STOP (any synonym, any case) unsubscribes from SMS and answers once; outreach is then refused; START resubscribes", async () => {
    const contactId = await contactWithPhone("+14155550701", "Kim");
    expect((await startOnChannel(channelId, contactId)).status).toBe(201);

    const answer = await text("SMstop1", "+14155550701", " unsubscribe ");
    expect(answer).toContain("<Message>Acme Bistro: you are unsubscribed and will receive no more messages. Reply START to resubscribe.</Message>");
    expect(await smsConsent(contactId, "+14155550701")).toMatchObject({ status: "unsubscribed", source: "sms:UNSUBSCRIBE" });
    // The same webhook delivered again changes nothing and answers nothing.
    expect(await text("SMstop1", "+14155550701", " unsubscribe ")).not.toContain("<Message>");

    // The keyword is not a reply: the campaign stays a campaign, nothing was recorded in it.
    const state = await getDb().execute<{ state: string }>(sql`SELECT state FROM conversations WHERE contact_id = ${contactId}`);
    expect(state.rows.map((row) => row.state)).toEqual(["campaign"]);
    expect(await contactMessages(contactId)).toBe(0);

    const refused = await startOnChannel(channelId, contactId);
    expect(refused.status).toBe(422);
    expect(errorCode(refused.json)).toBe("contact_unsubscribed");

    expect(await text("SMstart1", "+14155550701", "Start")).toContain("<Message>Acme Bistro: you are subscribed again. Reply STOP to unsubscribe, HELP for help.</Message>");
    expect(await smsConsent(contactId, "+14155550701")).toMatchObject({ status: "subscribed", source: "sms:START" });
    expect((await startOnChannel(channelId, contactId)).status).toBe(201);
  });

  it("HELP answers with the channel's help text (a default until one is set) and changes no consent; other texts stay messages", async () => {
    const contactId = await contactWithPhone("+14155550702", "Lee");
    expect(await text("SMhelp1", "+14155550702", "help")).toContain(`<Message>${defaultSmsHelpText("Acme Bistro").replace("&", "&amp;")}</Message>`);

    await runService(await admin(), updateSmsChannel, {
      channelId,
      name: "Acme Bistro",
      config: { provider: "twilio", fromNumber: "+14155550700", accountSid: "AC900", authToken: "", baseUrl: "http://127.0.0.1:9", helpText: "Acme <Bistro>: call 555-0100." },
    });
    expect(await text("SMhelp2", "+14155550702", "INFO")).toContain("<Message>Acme &lt;Bistro&gt;: call 555-0100.</Message>");
    expect(await smsConsent(contactId, "+14155550702")).toMatchObject({ status: "subscribed", source: null });
    expect(await contactMessages(contactId)).toBe(0);

    // "Stop by later" is a message to the team, not STOP: it lands in a conversation and answers nothing.
    expect(await text("SMmsg1", "+14155550702", "Stop by later?")).not.toContain("<Message>");
    expect(await contactMessages(contactId)).toBe(1);
    expect(await smsConsent(contactId, "+14155550702")).toMatchObject({ status: "subscribed" });
  });
});

describe("SMS keywords in the sandbox", () => {
  it("answers STOP, HELP and START on the pretend phone, opening no conversation for a number never seen", async () => {
    const { channelId } = await runService(await admin(), createSmsChannel, { name: "Sandbox Bistro", config: { provider: "sandbox", fromNumber: "+14155550800", helpText: "Sandbox Bistro help: reply with your question." } });
    const send = async (body: string) => runService(await admin(), sendSandboxReply, { channelId, phone: "+14155550801", body });

    expect(await send("STOP")).toMatchObject({ keyword: "stop", answer: expect.stringContaining("unsubscribed") });
    expect(await send("help")).toMatchObject({ keyword: "help", answer: "Sandbox Bistro help: reply with your question." });
    expect(await send("Yes")).toMatchObject({ keyword: "start", answer: expect.stringContaining("subscribed again") });

    const thread = await sandboxThread(getDb(), ACME_WORKSPACE_ID, channelId, "+14155550801");
    expect(thread.map((m) => [m.direction, m.body])).toEqual([
      ["inbound", "STOP"],
      ["outbound", "Sandbox Bistro: you are unsubscribed and will receive no more messages. Reply START to resubscribe."],
      ["inbound", "help"],
      ["outbound", "Sandbox Bistro help: reply with your question."],
      ["inbound", "Yes"],
      ["outbound", "Sandbox Bistro: you are subscribed again. Reply STOP to unsubscribe, HELP for help."],
    ]);
    // The number became a contact (its consent has to belong to someone), with no conversation.
    const contact = await getDb().execute<{ id: string; conversations: number }>(sql`
      SELECT c.id, (SELECT count(*)::int FROM conversations v WHERE v.contact_id = c.id) AS conversations
      FROM contacts c WHERE c.workspace_id = ${ACME_WORKSPACE_ID} AND c.phone = '+14155550801'`);
    expect(contact.rows).toMatchObject([{ conversations: 0 }]);
    expect(await smsConsent(contact.rows[0]!.id, "+14155550801")).toMatchObject({ status: "subscribed", source: "sms:YES" });
  });
});
