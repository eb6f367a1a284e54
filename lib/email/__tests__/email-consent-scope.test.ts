import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { contactChannelConsent, emailDeliveries, emailSandboxMessages, emailSuppressions } from "@/lib/db/schema/email";
import { postAgentMessage } from "@/lib/conversations/agent-actions";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const { listThreadMessages } = await import("@/lib/db/queries/conversation-thread");
const { outboundMessage } = await import("@/lib/testing/outbound-message");

await useTestDatabase();

async function setup() {
  const ws = await createWorkspaceFixture(getDb());
  const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
    name: "Consent email",
    fromAddress: "hello@acme.example",
    fromNamePattern: "",
    replyDomain: `consent-${ws.workspaceId.slice(0, 8)}.acme.example`,
    ratePerSecond: 100,
    transport: { kind: "sandbox" },
  });
  const unsubscribe = (contactId: string) => getDb().insert(contactChannelConsent).values({ workspaceId: ws.workspaceId, contactId, channelKind: "email", status: "unsubscribed", source: "test" });
  const sandboxTo = (address: string) => getDb().select().from(emailSandboxMessages).where(and(eq(emailSandboxMessages.channelId, channelId), eq(emailSandboxMessages.toAddress, address)));
  return { ws, channelId, unsubscribe, sandboxTo };
}

describe("an unsubscribe stops outreach, not answers", () => {
  it("an agent's answer to a contact who wrote in is emailed even though they unsubscribed", async () => {
    const { ws, channelId, unsubscribe, sandboxTo } = await setup();
    const [ada] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
    await unsubscribe(ada!);
    const raw = Buffer.from("From: Ada <ada@example.com>\r\nTo: hello@acme.example\r\nSubject: My invoice\r\nMessage-ID: <ada-q@example.com>\r\n\r\nWhere is my invoice?\r\n");
    const received = await runService(await asContact(ws.workspaceId, null), receiveInboundEmail, { channelId, raw });
    if (received.kind !== "recorded") throw new Error(`expected the email recorded, got ${received.kind}`);

    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: received.conversationId, kind: "message", body: textToDocument("Here it is, Ada.") });
    await drainEmailOutbox();
    const [delivery] = await getDb().select().from(emailDeliveries).where(eq(emailDeliveries.conversationId, received.conversationId));
    expect(delivery).toMatchObject({ status: "sent", toAddress: "ada@example.com" });
    expect((await sandboxTo("ada@example.com")).map((mail) => mail.text)).toEqual([expect.stringContaining("Here it is, Ada.")]);
  });

  it("outreach to an unsubscribed contact is skipped, and the thread shows it was not emailed and why; a bouncing address gets nothing even as an answer", async () => {
    const { ws, channelId, unsubscribe, sandboxTo } = await setup();
    const [grace] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Grace", email: "grace@example.com" }]);
    await runService(await asSystem(ws.workspaceId), startConversations, {
      conversations: [grace!].map((contactId) => outboundMessage(channelId, contactId)),
    });
    // Unsubscribed after the email was queued: the send-time check wins.
    await unsubscribe(grace!);
    await drainEmailOutbox();
    const [conversation] = await getDb().select().from(conversations).where(eq(conversations.contactId, grace!));
    const thread = await listThreadMessages(ws.workspaceId, conversation!.id);
    expect(thread.map((message) => message.emailProblem)).toEqual([{ status: "skipped", reason: "unsubscribed from email" }]);
    expect(await sandboxTo("grace@example.com")).toEqual([]);

    // Bo wrote in, then his address bounced: the answer is skipped as bouncing.
    const raw = Buffer.from("From: Bo <bo@example.com>\r\nTo: hello@acme.example\r\nSubject: Hi\r\nMessage-ID: <bo-q@example.com>\r\n\r\nHello?\r\n");
    const received = await runService(await asContact(ws.workspaceId, null), receiveInboundEmail, { channelId, raw });
    if (received.kind !== "recorded") throw new Error(`expected the email recorded, got ${received.kind}`);
    await getDb().insert(emailSuppressions).values({ workspaceId: ws.workspaceId, address: "bo@example.com", reason: "bounce" });
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: received.conversationId, kind: "message", body: textToDocument("Hi Bo") });
    await drainEmailOutbox();
    expect((await listThreadMessages(ws.workspaceId, received.conversationId)).map((message) => message.emailProblem)).toEqual([null, { status: "skipped", reason: "email address is bouncing" }]);
  });
});
