import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailSandboxMessages } from "@/lib/db/schema/email";
import { postAgentMessage } from "@/lib/conversations/agent-actions";
import { createEmailChannel } from "@/lib/email/email-channels";
import { sendEmailSandboxReply } from "@/lib/email/email-sandbox";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);

const sandboxOf = (channelId: string) =>
  getDb().select().from(emailSandboxMessages).where(and(eq(emailSandboxMessages.workspaceId, ws.workspaceId), eq(emailSandboxMessages.channelId, channelId))).orderBy(asc(emailSandboxMessages.createdAt));

describe("the email sandbox (PRODUCT.md section 6 on an email channel)", () => {
  it("keeps personalised emails with the sender's name; a reply as the recipient opens exactly that campaign, assigned to Support; the agent's answer lands in the sandbox", async () => {
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Sandbox email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "reply.acme.example",
      ratePerSecond: 10,
      transport: { kind: "sandbox" },
    });
    const [ada, grace] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", email: "ada@example.com" },
      { firstName: "Grace", email: "grace@example.com" },
    ]);
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Sandbox re-engagement" });
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, {
      workflowId,
      graph: reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, channelId, subject: "Checking in, {{first_name}}" }),
      expectedRevision: revision,
    });
    await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId });

    const sent = await waitFor(async () => {
      const rows = await sandboxOf(channelId);
      return rows.length === 2 && rows;
    }, { what: "two sandboxed emails" });
    const toAda = sent.find((row) => row.toAddress === "ada@example.com")!;
    expect(toAda).toMatchObject({ direction: "outbound", subject: "Checking in, Ada", fromAddress: "hello@acme.example" });
    expect(toAda.text).toContain("Hi Ada, just checking in");
    expect(toAda.html).toContain("Sam Support");
    expect(toAda.raw).toMatch(/^From: Sam Support from W [^\n]+<hello@acme\.example>$/m);
    const states = await getDb().select({ contactId: conversations.contactId, state: conversations.state }).from(conversations).where(eq(conversations.workflowId, workflowId));
    expect(states.every((row) => row.state === "campaign")).toBe(true);

    // Ada replies from the sandbox: the same inbound path as a real reply.
    const result = await runService(await asMember(ws.workspaceId, ws.builderId), sendEmailSandboxReply, { sandboxMessageId: toAda.id, text: "Yes, I have a question about billing." });
    expect(result.kind).toBe("recorded");
    const opened = await waitFor(async () => {
      const [row] = await getDb().select().from(conversations).where(and(eq(conversations.workflowId, workflowId), eq(conversations.contactId, ada!)));
      return row?.state === "open" && row.assigneeTeamId === ws.teamId && row;
    }, { what: "Ada's conversation to open, assigned to Support" });
    const [graceConversation] = await getDb().select().from(conversations).where(and(eq(conversations.workflowId, workflowId), eq(conversations.contactId, grace!)));
    expect(graceConversation!.state).toBe("campaign");
    const contactMessages = await getDb().select({ text: messages.text }).from(messages).where(and(eq(messages.conversationId, opened.id), eq(messages.authorType, "contact")));
    expect(contactMessages).toEqual([{ text: "Yes, I have a question about billing." }]);

    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: opened.id, kind: "message", body: textToDocument("Happy to help, Ada.") });
    const answer = await waitFor(async () => (await sandboxOf(channelId)).find((row) => row.direction === "outbound" && row.text.includes("Happy to help")), { what: "the agent's answer in the sandbox" });
    expect(answer).toMatchObject({ toAddress: "ada@example.com", subject: "Re: Checking in, Ada" });
  });
});
