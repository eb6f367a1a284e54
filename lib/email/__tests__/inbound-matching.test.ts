import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { emailThreads } from "@/lib/db/schema/email";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

describe("an inbound email opens a campaign only when it names it", () => {
  it("a From address alone (spoofable) starts an inbound conversation; a reply to the campaign's reply address opens the campaign", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const replyDomain = "matching.acme.example";
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Matching email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain,
      ratePerSecond: 100,
      transport: { kind: "sandbox" },
    });
    const [ada] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
    const [campaign] = await runService(await asSystem(ws.workspaceId), startConversations, {
      conversations: [
        outboundMessage(channelId, ada!, { text: "Checking in" }),
      ],
    });
    await drainEmailOutbox();
    const stateOf = async (id: string) => (await getDb().select({ state: conversations.state }).from(conversations).where(eq(conversations.id, id)))[0]!.state;
    expect(await stateOf(campaign!.conversationId)).toBe("campaign");

    // Anyone can write "From: ada@example.com" to the channel's domain: no token, no thread headers.
    const spoofed = Buffer.from(`From: Ada <ada@example.com>\r\nTo: hello@${replyDomain}\r\nSubject: Hi\r\nMessage-ID: <spoof-1@elsewhere.example>\r\n\r\nOpen sesame\r\n`);
    const landed = await runService(await asContact(ws.workspaceId, null), receiveInboundEmail, { channelId, raw: spoofed });
    expect(landed).toMatchObject({ kind: "recorded", createdConversation: true, opened: false });
    expect(landed.kind === "recorded" && landed.conversationId).not.toBe(campaign!.conversationId);
    expect(await stateOf(campaign!.conversationId)).toBe("campaign");

    // Her real reply goes to the campaign's reply address (its token): that opens the campaign.
    const [thread] = await getDb().select({ replyToken: emailThreads.replyToken }).from(emailThreads).where(eq(emailThreads.conversationId, campaign!.conversationId));
    const reply = Buffer.from(`From: Ada <ada@example.com>\r\nTo: reply+${thread!.replyToken}@${replyDomain}\r\nSubject: Re: Hi\r\nMessage-ID: <ada-real@example.com>\r\n\r\nYes please\r\n`);
    const opened = await runService(await asContact(ws.workspaceId, null), receiveInboundEmail, { channelId, raw: reply });
    expect(opened).toMatchObject({ kind: "recorded", conversationId: campaign!.conversationId, opened: true });
  });
});
