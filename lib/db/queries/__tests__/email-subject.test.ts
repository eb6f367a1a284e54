import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createEmailChannel } from "@/lib/email/email-channels";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { runService } from "@/lib/services/run-service";
import { receiveInboundSms } from "@/lib/sms/inbound";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const { listInboxConversations } = await import("@/lib/db/queries/inbox");
const { getThreadConversation } = await import("@/lib/db/queries/conversation-thread");

await useTestDatabase();

describe("an email conversation's subject in the inbox", () => {
  it("is on the list row and the thread of an email conversation, and on neither for another channel", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Support email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "subject.acme.example",
      ratePerSecond: 10,
      transport: { kind: "sandbox" },
    });
    const raw = Buffer.from(
      ["From: Nora <nora@example.com>", "To: hello@subject.acme.example", "Subject: Re: Do you ship to Norway?", "Message-ID: <q1@mail.example>", "", "Hello!", ""].join("\r\n"),
    );
    const scope = await asContact(ws.workspaceId, null);
    const email = await runService(scope, receiveInboundEmail, { channelId, raw });
    const sms = await runService(scope, receiveInboundSms, { channelId: ws.smsChannelId, from: "+14155550123", text: "Hi", providerMessageId: "SMsubject" });
    const emailConversationId = "conversationId" in email ? email.conversationId : null;
    expect(emailConversationId).toBeTruthy();
    const smsConversationId = sms.conversationId!;
    expect(smsConversationId).toBeTruthy();

    const { items } = await listInboxConversations({ viewer: { workspaceId: ws.workspaceId, userId: ws.builderId }, filters: {}, status: "open", sort: "newest" });
    const subjects = Object.fromEntries(items.map((item) => [item.id, item.emailSubject]));
    expect(subjects).toEqual({ [emailConversationId!]: "Do you ship to Norway?", [smsConversationId]: null });

    expect((await getThreadConversation(ws.workspaceId, emailConversationId!))?.emailSubject).toBe("Do you ship to Norway?");
    expect((await getThreadConversation(ws.workspaceId, smsConversationId))?.emailSubject).toBeNull();
  });
});
