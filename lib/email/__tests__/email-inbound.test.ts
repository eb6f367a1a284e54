import { deliveryStatusNotification } from "@/lib/testing/delivery-status-notification";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as providerEvents } from "@/app/api/email/[channelId]/events/route";
import { POST as inboundWebhook } from "@/app/api/email/[channelId]/inbound/route";
import { getDb } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailMessages, emailSuppressions, emailThreads } from "@/lib/db/schema/email";
import { postAgentMessage } from "@/lib/conversations/agent-actions";
import { createEmailChannel } from "@/lib/email/email-channels";
import { originalEmailOf } from "@/lib/email/original-email";
import { startSmtpListener, type SmtpListener } from "@/lib/email/smtp-listener";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { startSmtpReceiver, type ReceivedMail } from "@/lib/testing/smtp-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { fileStorage } from "@/lib/storage/file-storage";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { signInAs } from "@/lib/testing/session-mock";
import { replyFixture } from "./reply-fixtures";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());
const { listThreadMessages } = await import("@/lib/db/queries/conversation-thread");
const { GET: downloadOriginal } = await import("@/app/api/workspaces/[workspaceId]/messages/[messageId]/original-email/route");

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let listener: SmtpListener;
let channelId: string;
let inboundSecret: string;

const REPLY_DOMAIN = "reply.acme.example";

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1" });
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
  const created = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
    name: "Support email",
    fromAddress: "support@acme.example",
    fromNamePattern: "",
    replyDomain: REPLY_DOMAIN,
    ratePerSecond: 50,
    transport: { kind: "smtp", host: "127.0.0.1", port: Number(new URL(receiver.url).port), secure: false, username: "", password: "" },
  });
  ({ channelId, inboundSecret } = created);
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await listener.close();
  await receiver.close();
});

/** A contact's mail server delivering to Parley's listener over real SMTP. */
async function sendToListener(raw: Buffer, from: string, to: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ envelope: { from, to: [to] }, raw });
}

function postToWebhook(raw: Buffer, secret = inboundSecret) {
  return inboundWebhook(
    new Request(`http://localhost/api/email/${channelId}/inbound`, { method: "POST", headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${secret}` }, body: new Uint8Array(raw) }),
    { params: Promise.resolve({ channelId }) },
  );
}

const mailTo = (address: string) => waitFor(async () => receiver.received.find((m) => m.envelopeTo.includes(address)), { what: `the email to ${address}` });
const header = (mail: ReceivedMail, key: string) => mail.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, "") ?? "";

async function conversationOf(contactId: string) {
  const [row] = await getDb().select().from(conversations).where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId)));
  return row!;
}
async function contactMessagesOf(conversationId: string) {
  return getDb().select({ text: messages.text, authorType: messages.authorType }).from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.authorType, "contact")));
}

describe("replies to an email campaign come back into the inbox", () => {
  it("threads by reply token over SMTP and by In-Reply-To over the webhook; lands once; strips quotes; keeps the original; agents answer in the thread", async () => {
    const [ada, grace] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", email: "ada@example.com" },
      { firstName: "Grace", email: "grace@example.com" },
    ]);
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Email re-engagement" });
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, {
      workflowId,
      graph: reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, channelId, subject: "Checking in, {{first_name}}" }),
      expectedRevision: revision,
    });
    await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId });
    const toAda = await mailTo("ada@example.com");
    const toGrace = await mailTo("grace@example.com");
    expect((await conversationOf(ada!)).state).toBe("campaign");

    // Ada answers from Gmail: her mail server delivers to the reply address (the token) by SMTP.
    const adaReply = replyFixture("gmail-reply", { from: "ada@example.com", to: toAda.replyTo!.value[0]!.address!, subject: toAda.subject!, messageId: "<ada-1@mail.gmail.example>" });
    await sendToListener(adaReply, "ada@example.com", toAda.replyTo!.value[0]!.address!);
    const adaConversation = await waitFor(async () => {
      const row = await conversationOf(ada!);
      return row.state === "open" && row.assigneeTeamId === ws.teamId && row;
    }, { what: "Ada's conversation to open, assigned to Support" });
    expect(adaConversation.origin).toBe("workflow");
    expect(await contactMessagesOf(adaConversation.id)).toEqual([{ text: "Thanks for checking in! Could you resend last month's invoice?", authorType: "contact" }]);

    // Grace answers from Outlook to the From address (no token): her In-Reply-To names the campaign email.
    const graceReply = replyFixture("outlook-reply", { from: "grace@example.com", to: "support@acme.example", subject: toGrace.subject!, messageId: "<grace-1@outlook.example>", inReplyTo: toGrace.messageId! });
    const response = await postToWebhook(graceReply);
    expect(response.status).toBe(200);
    const graceConversation = await conversationOf(grace!);
    expect(graceConversation.state).toBe("open");
    expect(await contactMessagesOf(graceConversation.id)).toEqual([{ text: "Yes please, call me tomorrow morning.", authorType: "contact" }]);

    // An out-of-office answer (Auto-Submitted) is not a reply: nothing is recorded.
    const autoReply = Buffer.from(`Auto-Submitted: auto-replied\r\n${replyFixture("apple-mail-reply", { from: "grace@example.com", to: "support@acme.example", subject: toGrace.subject!, messageId: "<ooo-1@outlook.example>", inReplyTo: toGrace.messageId! }).toString("utf8")}`);
    expect((await (await postToWebhook(autoReply)).json()).result).toBe("ignored");
    expect(await contactMessagesOf(graceConversation.id)).toHaveLength(1);

    // The provider redelivers the same email: it lands once.
    expect((await (await postToWebhook(graceReply)).json()).result).toBe("duplicate");
    expect(await contactMessagesOf(graceConversation.id)).toHaveLength(1);
    // A wrong secret is refused before anything is read.
    expect((await postToWebhook(graceReply, "not-the-secret")).status).toBe(401);

    // The original is kept, byte for byte, for agents to download.
    const [original] = await getDb().select().from(emailMessages).where(and(eq(emailMessages.conversationId, graceConversation.id), eq(emailMessages.direction, "inbound")));
    const file = await fileStorage(getDb()).get(original!.rawFileId!);
    expect(file!.contentType).toBe("message/rfc822");
    expect(file!.bytes.equals(graceReply)).toBe(true);
    const thread = await listThreadMessages(ws.workspaceId, graceConversation.id);
    const graceMessage = thread.find((message) => message.authorType === "contact")!;
    expect(graceMessage.originalEmailUrl).toBe(`/api/workspaces/${ws.workspaceId}/messages/${graceMessage.id}/original-email`);
    expect((await originalEmailOf(getDb(), ws.workspaceId, graceMessage.id))!.bytes.equals(graceReply)).toBe(true);
    expect(await originalEmailOf(getDb(), randomUUID(), graceMessage.id)).toBeNull();
    // An agent downloads it: always an attachment of opaque bytes, never rendered.
    signInAs({ id: ws.agentId });
    const download = await downloadOriginal(new Request(`http://localhost${graceMessage.originalEmailUrl}`), { params: Promise.resolve({ workspaceId: ws.workspaceId, messageId: graceMessage.id }) });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(graceReply)).toBe(true);

    // The agent answers Ada from the inbox: the email continues the thread. A note is never sent.
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: adaConversation.id, kind: "note", body: textToDocument("Internal: invoice is in the CRM") });
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: adaConversation.id, kind: "message", body: textToDocument("Here it is, Ada.") });
    const answer = await waitFor(async () => receiver.received.find((m) => m.envelopeTo.includes("ada@example.com") && m.text?.includes("Here it is")), { what: "the agent's email" });
    expect(answer.subject).toBe(`Re: ${toAda.subject}`);
    expect(answer.inReplyTo).toBe("<ada-1@mail.gmail.example>");
    expect(header(answer, "references")).toContain(toAda.messageId!);
    expect(header(answer, "references")).toContain("<ada-1@mail.gmail.example>");
    expect(answer.from?.value[0]!.name).toMatch(/^Sam Support from /);
    expect(answer.replyTo?.value[0]!.address).toBe(toAda.replyTo?.value[0]!.address);
    expect(receiver.received.filter((m) => m.text?.includes("Internal: invoice"))).toEqual([]);
  });

  it("mail from an unknown sender starts a new inbound conversation on the channel, with its subject as the thread's", async () => {
    const raw = replyFixture("apple-mail-reply", { from: "stranger@example.net", to: `hello@${REPLY_DOMAIN}`, subject: "Do you ship to Norway?", messageId: "<stranger-1@icloud.example>" });
    await sendToListener(raw, "stranger@example.net", `hello@${REPLY_DOMAIN}`);
    const conversation = await waitFor(async () => {
      const rows = await getDb().execute<{ id: string; state: string; origin: string; email: string }>(sql`
        SELECT c.id, c.state, c.origin, ct.email FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.channel_id = ${channelId} AND ct.email = 'stranger@example.net'`);
      return rows.rows[0];
    }, { what: "the stranger's conversation" });
    expect(conversation).toMatchObject({ state: "open", origin: "inbound" });
    expect(await contactMessagesOf(conversation.id)).toEqual([{ text: "Sounds good, see you Thursday.", authorType: "contact" }]);
    const [thread] = await getDb().select().from(emailThreads).where(eq(emailThreads.conversationId, conversation.id));
    expect(thread!.subject).toBe("Do you ship to Norway?");
  });

  it("a delivery status notification at the listener that is not sent to a bounce address marks nothing (anyone can write one)", async () => {
    const dsn = deliveryStatusNotification(`bounces@${REPLY_DOMAIN}`, ["Gone@Example.org"]);
    // The listener answers once the email is recorded (or ignored): nothing is left to wait for.
    await sendToListener(dsn, "", `bounces@${REPLY_DOMAIN}`);
    expect(await getDb().select().from(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, ws.workspaceId), eq(emailSuppressions.address, "gone@example.org")))).toEqual([]);
  });

  it("a provider's delivery webhook (authenticated by the channel's secret) marks hard bounces and complaints", async () => {
    const post = (body: unknown, secret = inboundSecret) =>
      providerEvents(
        new Request(`http://localhost/api/email/${channelId}/events`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}` }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ channelId }) },
      );
    expect((await post({ RecordType: "Bounce", Type: "HardBounce", Email: "hard@example.org" }, "wrong")).status).toBe(401);
    const response = await post({ RecordType: "Bounce", Type: "HardBounce", Email: "Hard@Example.org" });
    expect(await response.json()).toEqual({ suppressed: 1 });
    const [row] = await getDb().select().from(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, ws.workspaceId), eq(emailSuppressions.address, "hard@example.org")));
    expect(row!.reason).toBe("bounce");
  });

  it("refuses mail for domains that are not an email channel's (never an open relay)", async () => {
    const raw = replyFixture("apple-mail-reply", { from: "x@example.net", to: "someone@elsewhere.example", subject: "Hi", messageId: "<relay@example.net>" });
    await expect(sendToListener(raw, "x@example.net", "someone@elsewhere.example")).rejects.toThrow(/550|No such mailbox/);
  });
});
