import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { POST as statusRoute } from "@/app/api/sms/[channelId]/status/route";
import { contactTextToContent } from "@/lib/conversations/message-content";
import { startConversations } from "@/lib/conversations/start-conversation";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel } from "@/lib/sms/channels";
import { sandboxThread, sendSandboxReply } from "@/lib/sms/sandbox";
import { drainSmsOutbox } from "@/lib/sms/sms-outbox";
import { twilioSignature } from "@/lib/sms/twilio-signature";
import { startReceiver } from "@/lib/testing/http-receiver";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { runManual } from "@/lib/workflow/service/run-manual";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();
// No worker runs in this file: the outbox is drained by the test, so a STOP can land between the
// fan-out that queued a text and the send.
const ws = await createWorkspaceFixture(getDb());
const admin = () => asMember(ws.workspaceId, ws.builderId);

/**
 * A workflow's first texts to these contacts on the channel, queued in the outbox: a published
 * Manual → Start a Conversation workflow run for them, its node's conversations written as the
 * executor writes them (no worker runs here to advance the runs). Their conversation ids, in order.
 */
async function queueOutreach(channelId: string, contactIds: string[]) {
  const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Our spring offer"), senderUserId: ws.agentId, channelId })],
    edges: [edge("t", "s")],
  });
  await runService(await admin(), runManual, { test: false, workflowId, contactIds });
  const runs = (await getDb().execute<{ id: string; contact_id: string; version_id: string }>(sql`SELECT id, contact_id, version_id FROM workflow_runs WHERE workflow_id = ${workflowId}`)).rows;
  await runService(await asSystem(ws.workspaceId), startConversations, {
    conversations: runs.map((run) => ({
      contactId: run.contact_id,
      channelId,
      origin: "workflow" as const,
      source: { workflowId, versionId: run.version_id, runId: run.id, nodeId: "s" },
      direction: "to_contact" as const,
      startWith: "message" as const,
      content: contactTextToContent("Our spring offer"),
      openMode: "after_reply" as const,
      sender: { userId: ws.agentId, name: "Acme" },
      assignOnOpen: { type: "unassigned" as const },
      thirdParty: false,
      outreach: "queued" as const,
    })),
  });
  const conversations = (await getDb().execute<{ id: string; contact_id: string }>(sql`SELECT id, contact_id FROM conversations WHERE workflow_id = ${workflowId}`)).rows;
  return contactIds.map((contactId) => conversations.find((conversation) => conversation.contact_id === contactId)!.id);
}

async function outcome(conversationId: string) {
  const rows = await getDb().execute<{ delivery: string; error: string | null; status: string | null; reason: string | null }>(sql`
    SELECT d.status AS delivery, d.error, c.outreach_status AS status, c.outreach_reason AS reason
    FROM sms_deliveries d JOIN conversations c ON c.id = d.conversation_id WHERE d.conversation_id = ${conversationId}`);
  return rows.rows[0]!;
}

async function smsConsent(contactId: string) {
  const rows = await getDb().execute<{ status: string; source: string | null }>(
    sql`SELECT status, source FROM contact_channel_consent WHERE contact_id = ${contactId} AND channel_kind = 'sms'`,
  );
  return rows.rows[0] ?? null;
}

async function suppressed(phone: string) {
  const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sms_suppressions WHERE workspace_id = ${ws.workspaceId} AND phone = ${phone}`);
  return rows.rows[0]!.n === 1;
}

describe("the SMS outbox checks consent again at send time", () => {
  it("a STOP that arrives after the text was queued stops it: skipped with the reason, the first message failed 'Not sent: …'", async () => {
    const { channelId } = await runService(await admin(), createSmsChannel, { name: "Offers", config: { provider: "sandbox", fromNumber: "+14155550300" } });
    const [ada, grace] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", phone: "+14155550301" },
      { firstName: "Grace", phone: "+14155550302" },
    ]);
    const [adaConversation, graceConversation] = await queueOutreach(channelId, [ada!, grace!]);
    // Grace texts STOP (through the sandbox, as from her phone) before the outbox sends.
    expect(await runService(await admin(), sendSandboxReply, { channelId, phone: "+14155550302", body: "STOP" })).toMatchObject({ keyword: "stop" });

    await drainSmsOutbox();
    expect(await outcome(adaConversation!)).toMatchObject({ delivery: "delivered", status: "delivered" });
    expect(await outcome(graceConversation!)).toEqual({ delivery: "skipped", error: "unsubscribed from SMS", status: "failed", reason: "Not sent: unsubscribed from SMS" });
    // Grace's phone has her STOP and its confirmation, never the offer.
    expect((await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550302")).map((m) => m.direction)).toEqual(["inbound", "outbound"]);
    expect((await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550302")).some((m) => m.body.includes("spring offer"))).toBe(false);
    // Nothing left to send.
    expect(await drainSmsOutbox()).toBe(0);
  });
});

// A Twilio-compatible provider on a local port that refuses some numbers the way Twilio does.
const REFUSED: Record<string, { code: number; message: string }> = {
  "+14155550311": { code: 21610, message: "Attempt to send to unsubscribed recipient" },
  "+14155550312": { code: 21614, message: "'To' number is not a valid mobile number" },
  "+14155550313": { code: 21211, message: "Invalid 'To' Phone Number" },
};
let sid = 0;
const twilio = await startReceiver("127.0.0.1", (request) => {
  const refused = REFUSED[new URLSearchParams(request.body).get("To") ?? ""];
  return refused
    ? { status: 400, body: JSON.stringify(refused), headers: { "Content-Type": "application/json" } }
    : { status: 201, body: JSON.stringify({ sid: `SMR${++sid}`, status: "queued" }), headers: { "Content-Type": "application/json" } };
});
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await twilio.close();
});
const AUTH_TOKEN = "twilio-refusal-token";

async function twilioChannel(fromNumber: string) {
  const config = { provider: "twilio" as const, fromNumber, accountSid: "AC123", authToken: AUTH_TOKEN, baseUrl: `http://127.0.0.1:${twilio.port}` };
  return (await runService(await admin(), createSmsChannel, { name: `Twilio ${fromNumber}`, config })).channelId;
}

async function statusCallback(channelId: string, params: Record<string, string>) {
  const url = `http://localhost:3000/api/sms/${channelId}/status`;
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilioSignature(AUTH_TOKEN, url, Object.entries(params)) },
    body: new URLSearchParams(params).toString(),
  });
  const response = await statusRoute(request, { params: Promise.resolve({ channelId }) });
  expect(response.status).toBe(200);
}

describe("a provider's permanent refusal marks the number", () => {
  it("from the send's error: 21610 unsubscribes the contact from SMS, 21614 and 21211 put the number on the suppression list; the others are sent", async () => {
    const channelId = await twilioChannel("+14155550310");
    const [stopped, landline, invalid, fine] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Stopped", phone: "+14155550311" },
      { firstName: "Landline", phone: "+14155550312" },
      { firstName: "Invalid", phone: "+14155550313" },
      { firstName: "Fine", phone: "+14155550314" },
    ]);
    const conversations = await queueOutreach(channelId, [stopped!, landline!, invalid!, fine!]);
    await drainSmsOutbox();
    expect((await outcome(conversations[0]!)).delivery).toBe("failed");
    expect((await outcome(conversations[3]!)).delivery).toBe("sent");
    expect(await smsConsent(stopped!)).toEqual({ status: "unsubscribed", source: "carrier" });
    expect(await suppressed("+14155550311")).toBe(false);
    expect(await suppressed("+14155550312")).toBe(true);
    expect(await suppressed("+14155550313")).toBe(true);
    expect(await smsConsent(fine!)).toBeNull();
    expect(await suppressed("+14155550314")).toBe(false);

    // The next outreach skips all three instead of failing on them again, and the provider is not asked.
    const before = twilio.received.length;
    const again = await queueOutreach(channelId, [stopped!, landline!, invalid!]);
    await drainSmsOutbox();
    expect((await Promise.all(again.map(outcome))).map((row) => row.error)).toEqual(["unsubscribed from SMS", "phone number is bouncing", "phone number is bouncing"]);
    expect(twilio.received.length).toBe(before);
  });

  it("from the status callback: a text accepted and then failed with 21610 or 21614 marks its contact or number", async () => {
    const channelId = await twilioChannel("+14155550320");
    const [stopped, landline, other] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Later stop", phone: "+14155550321" },
      { firstName: "Later landline", phone: "+14155550322" },
      { firstName: "Carrier trouble", phone: "+14155550323" },
    ]);
    const conversations = await queueOutreach(channelId, [stopped!, landline!, other!]);
    await drainSmsOutbox();
    const providerIds = await getDb().execute<{ conversation_id: string; provider_message_id: string }>(
      sql`SELECT conversation_id, provider_message_id FROM sms_deliveries WHERE channel_id = ${channelId}`,
    );
    const sidOf = (conversationId: string) => providerIds.rows.find((row) => row.conversation_id === conversationId)!.provider_message_id;
    await statusCallback(channelId, { MessageSid: sidOf(conversations[0]!), MessageStatus: "failed", ErrorCode: "21610" });
    await statusCallback(channelId, { MessageSid: sidOf(conversations[1]!), MessageStatus: "undelivered", ErrorCode: "21614" });
    // A passing carrier failure (30003: unreachable) says nothing lasting about the number.
    await statusCallback(channelId, { MessageSid: sidOf(conversations[2]!), MessageStatus: "undelivered", ErrorCode: "30003" });

    expect(await smsConsent(stopped!)).toEqual({ status: "unsubscribed", source: "carrier" });
    expect(await suppressed("+14155550322")).toBe(true);
    expect(await smsConsent(other!)).toBeNull();
    expect(await suppressed("+14155550323")).toBe(false);
    expect(await outcome(conversations[0]!)).toMatchObject({ delivery: "failed", status: "failed", reason: "Provider error 21610 (failed)" });
  });
});
