import { asc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailSandboxMessages } from "@/lib/db/schema/email";
import { postAgentMessage } from "@/lib/conversations/agent-actions";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

describe("a long email thread", () => {
  it("each answer replies to the thread's latest email, also past 50 emails", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Long thread",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "thread.acme.example",
      ratePerSecond: 1000,
      transport: { kind: "sandbox" },
    });
    const raw = Buffer.from("From: Ada <ada@example.com>\r\nTo: hello@acme.example\r\nSubject: A long story\r\nMessage-ID: <ada-start@example.com>\r\n\r\nLet me tell you.\r\n");
    const received = await runService(await asContact(ws.workspaceId, null), receiveInboundEmail, { channelId, raw });
    if (received.kind !== "recorded") throw new Error(`expected the email recorded, got ${received.kind}`);
    const agent = await asMember(ws.workspaceId, ws.agentId);
    for (let i = 1; i <= 52; i++) {
      await runService(agent, postAgentMessage, { conversationId: received.conversationId, kind: "message", body: textToDocument(`Answer ${i}`) });
      await drainEmailOutbox();
    }
    const sent = await getDb().select({ raw: emailSandboxMessages.raw, rfcMessageId: emailSandboxMessages.rfcMessageId }).from(emailSandboxMessages).where(eq(emailSandboxMessages.channelId, channelId)).orderBy(asc(emailSandboxMessages.createdAt), asc(emailSandboxMessages.id));
    expect(sent).toHaveLength(52);
    const last = await simpleParser(sent.at(-1)!.raw);
    expect(last.inReplyTo).toBe(sent.at(-2)!.rfcMessageId);
    const references = Array.isArray(last.references) ? last.references : [last.references];
    expect(references.at(-1)).toBe(sent.at(-2)!.rfcMessageId);
    expect(references).toHaveLength(50);
  });
});
