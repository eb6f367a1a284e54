import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asMember, asSystem } = await import("@/lib/testing/service-scope");
const { createSmsChannel } = await import("@/lib/sms/channels");
const { applyDeliveryStatus } = await import("@/lib/sms/delivery-status");
const { drainSmsOutbox } = await import("@/lib/sms/sms-outbox");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const chatMessages = await import("@/app/api/chat/[channelId]/messages/route");
const chatPresence = await import("@/app/api/chat/[channelId]/presence/route");
const { startReceiver } = await import("@/lib/testing/http-receiver");
const { useWorkspaceWithWorker } = await import("@/lib/workflow/testing/workspace-with-worker");
const { runManual } = await import("@/lib/workflow/service/run-manual");
const { edge, message, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph, runById } = await import("@/lib/workflow/testing/scenario");
const { createContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");

const { ws } = await useWorkspaceWithWorker(url);

type Status = { status: string | null; reason: string | null; sent: boolean; at: boolean };

async function statusOf(conversationId: string): Promise<Status> {
  const rows = await getDb().execute<Status>(sql`
    SELECT outreach_status AS status, outreach_reason AS reason, outreach_sent_at IS NOT NULL AS sent, outreach_status_at IS NOT NULL AS at
    FROM conversations WHERE id = ${conversationId}`);
  return rows.rows[0]!;
}

/** Publishes Manual → Start a Conversation on `channelId` and runs it for the contacts; their conversations, in order. */
async function sendTo(contactIds: string[], channelId: string, text = "Hi {{first_name}}") {
  const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message(text), senderUserId: ws.agentId, channelId })],
    edges: [edge("t", "s")],
  });
  const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds });
  const conversations: string[] = [];
  for (const runId of runIds) {
    const run = await waitFor(async () => {
      const found = await runById(runId);
      return found.status !== "running" && found;
    });
    conversations.push(run.context.conversationId!);
  }
  return { workflowId, conversations };
}

const providerIdOf = async (conversationId: string) =>
  (await getDb().execute<{ pid: string | null }>(sql`SELECT provider_message_id AS pid FROM sms_deliveries WHERE conversation_id = ${conversationId} ORDER BY id LIMIT 1`)).rows[0]?.pid;

// A Twilio-compatible provider on a local port: a fresh message id per text; the number
// +14155550199 is refused as a provider 4xx ("one bad number").
let sid = 0;
const twilio = await startReceiver("127.0.0.1", (request) =>
  new URLSearchParams(request.body).get("To") === "+14155550199"
    ? { status: 400, body: JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number" }), headers: { "Content-Type": "application/json" } }
    : { status: 201, body: JSON.stringify({ sid: `SM${++sid}`, status: "queued" }), headers: { "Content-Type": "application/json" } },
);
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await twilio.close();
});

const smsChannel = async () => {
  const admin = await asMember(ws.workspaceId, ws.builderId);
  const config = { provider: "twilio" as const, fromNumber: "+14155550110", accountSid: "AC123", authToken: "twilio-test-token", baseUrl: `http://127.0.0.1:${twilio.port}` };
  return (await runService(admin, createSmsChannel, { name: `Twilio ${randomUUID()}`, config })).channelId;
};
let channelId: string;
beforeAll(async () => {
  channelId = await smsChannel();
});

const callback = async (providerMessageId: string, status: string, errorCode?: string) =>
  runService(await asSystem(ws.workspaceId), applyDeliveryStatus, { channelId, providerMessageId, status, errorCode });

/** Waits for the outbox (the worker's, or this drain) to have settled the conversation's first text. */
async function settledStatus(conversationId: string) {
  await drainSmsOutbox();
  return waitFor(async () => {
    const now = await statusOf(conversationId);
    return now.status !== "queued" && now;
  });
}

describe("a workflow's first message by SMS", () => {
  it("goes queued → sent (the outbox) → delivered (the provider's callback) → replied, and never back", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ana", phone: "+14155550142" }]);
    const { conversations: [conversationId] } = await sendTo([contact!], channelId);
    expect(await settledStatus(conversationId!)).toEqual({ status: "sent", reason: null, sent: true, at: true });
    const providerId = (await providerIdOf(conversationId!))!;

    await callback(providerId, "delivered");
    expect((await statusOf(conversationId!)).status).toBe("delivered");

    await runService(await asContact(ws.workspaceId, contact!), recordContactMessage, { channelId, contactId: contact!, text: "Yes please" });
    expect((await statusOf(conversationId!)).status).toBe("replied");

    // Late or repeated reports: a "sent", a "delivered", even a "failed" after the reply change nothing.
    await callback(providerId, "sent");
    await callback(providerId, "delivered");
    await callback(providerId, "failed", "30003");
    expect(await statusOf(conversationId!)).toMatchObject({ status: "replied", reason: null });
  });

  it("fails with the provider's reason on an undelivered callback, which a late 'delivered' does not overwrite", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Bo", phone: "+14155550143" }]);
    const { conversations: [conversationId] } = await sendTo([contact!], channelId);
    await settledStatus(conversationId!);
    await callback((await providerIdOf(conversationId!))!, "undelivered", "30003");
    expect(await statusOf(conversationId!)).toEqual({ status: "failed", reason: "Provider error 30003 (undelivered)", sent: true, at: true });
    await callback((await providerIdOf(conversationId!))!, "delivered");
    expect((await statusOf(conversationId!)).status).toBe("failed");
  });

  it("a bad number fails with the provider's refusal as its reason; the other contacts' texts are sent", async () => {
    const [bad, good] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Cy", phone: "+14155550199" },
      { firstName: "Di", phone: "+14155550145" },
    ]);
    const { conversations: [badConversation, goodConversation] } = await sendTo([bad!, good!], channelId);
    expect(await settledStatus(badConversation!)).toEqual({
      status: "failed",
      reason: "The SMS provider refused the message: Invalid 'To' Phone Number (21211)",
      sent: false,
      at: true,
    });
    expect((await settledStatus(goodConversation!)).status).toBe("sent");
  });

  it("a later agent message's delivery does not move the first message's status", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ed", phone: "+14155550146" }]);
    const { conversations: [conversationId] } = await sendTo([contact!], channelId);
    expect((await settledStatus(conversationId!)).status).toBe("sent");
    // A second (agent) message in the same conversation goes through the same outbox.
    await getDb().execute(sql`
      INSERT INTO messages (workspace_id, conversation_id, kind, author_type, author_user_id, body, html, text)
      VALUES (${ws.workspaceId}, ${conversationId}, 'message', 'agent', ${ws.agentId}, '{}'::jsonb, 'More', 'More')`);
    await drainSmsOutbox();
    const second = await waitFor(async () => {
      const rows = await getDb().execute<{ provider_message_id: string | null }>(
        sql`SELECT provider_message_id FROM sms_deliveries WHERE conversation_id = ${conversationId} ORDER BY id DESC LIMIT 1`,
      );
      return rows.rows[0]?.provider_message_id;
    });
    await callback(second, "delivered");
    expect((await statusOf(conversationId!)).status).toBe("sent");
  });
});

describe("a workflow's first message on the chat", () => {
  it("is sent when written, delivered when the contact's chat page loads it, seen when the page shows it, then replied", async () => {
    const channel = (await findChatChannel(ws.chatChannelId))!;
    const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity: { kind: "anonymous" }, cookieToken: null });
    if (!opened.ok) throw new Error("refused");
    const contactId = opened.context.session.contactId;
    const token = opened.context.token;
    const { conversations: [conversationId] } = await sendTo([contactId], ws.chatChannelId, "Welcome back");
    expect(await statusOf(conversationId!)).toEqual({ status: "sent", reason: null, sent: true, at: true });

    const params = { params: Promise.resolve({ channelId: ws.chatChannelId }) };
    const listed = await chatMessages.GET(new Request(`http://localhost/api/chat/${ws.chatChannelId}/messages`, { headers: { [CHAT_SESSION_HEADER]: token } }), params);
    const shown = (await listed.json()) as { messages: { id: string; conversationId: string }[] };
    expect((await statusOf(conversationId!)).status).toBe("delivered");

    const first = shown.messages.find((m) => m.conversationId === conversationId)!;
    const seen = await chatPresence.POST(
      new Request(`http://localhost/api/chat/${ws.chatChannelId}/presence`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: token, "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "seen", conversationId, messageId: first.id }),
      }),
      params,
    );
    expect(seen.status).toBe(204);
    expect((await statusOf(conversationId!)).status).toBe("seen");

    // Loading the page again after it was seen is a late "delivered": nothing moves back.
    await chatMessages.GET(new Request(`http://localhost/api/chat/${ws.chatChannelId}/messages`, { headers: { [CHAT_SESSION_HEADER]: token } }), params);
    expect((await statusOf(conversationId!)).status).toBe("seen");

    await runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text: "Hi!" });
    expect((await statusOf(conversationId!)).status).toBe("replied");
    expect((await runById((await getDb().execute<{ run_id: string }>(sql`SELECT run_id FROM conversations WHERE id = ${conversationId}`)).rows[0]!.run_id)).status).not.toBe("failed");
  });

  it("a note or a From Contact start has no delivery status", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Flo" }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Note"), senderUserId: ws.agentId, startWith: "note" })],
      edges: [edge("t", "s")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [contact!] });
    const run = await waitFor(async () => {
      const found = await runById(runIds[0]!);
      return found.status !== "running" && found;
    });
    expect(await statusOf(run.context.conversationId!)).toEqual({ status: null, reason: null, sent: false, at: false });
  });
});
