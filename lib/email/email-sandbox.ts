import { randomUUID } from "node:crypto";
import { and, desc, eq, or, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { DbOrTx } from "@/lib/db/client";
import { emailSandboxMessages } from "@/lib/db/schema/email";
import { notFound, SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { replySubject } from "./compose-email";
import type { EmailSandboxReplyInput } from "./email-sandbox.validation";
import { buildRawEmail } from "./email-transport";
import { receiveInboundEmail, type InboundEmailResult } from "./inbound-email";

export const EMAIL_SANDBOX_LIMIT = 50;

/**
 * The newest emails the sandbox kept for this workspace (sent on sandbox channels, and the replies
 * played back), or only those to and from one recipient.
 */
export async function listEmailSandbox(db: DbOrTx, workspaceId: string, recipient?: string | null) {
  const address = recipient?.trim().toLowerCase();
  return db
    .select()
    .from(emailSandboxMessages)
    .where(
      and(
        eq(emailSandboxMessages.workspaceId, workspaceId),
        address ? or(eq(sql`lower(${emailSandboxMessages.toAddress})`, address), eq(sql`lower(${emailSandboxMessages.fromAddress})`, address)) : undefined,
      ),
    )
    .orderBy(desc(emailSandboxMessages.createdAt), desc(emailSandboxMessages.id))
    .limit(EMAIL_SANDBOX_LIMIT);
}

/**
 * "Reply as the recipient": the reply is written as their mail client would (to the email's
 * Reply-To, In-Reply-To and References set, the original quoted below), kept in the sandbox, and
 * handed to receiveInboundEmail in the same transaction: the same path as a real reply.
 */
export async function sendEmailSandboxReply(ctx: ServiceContext, input: EmailSandboxReplyInput): Promise<InboundEmailResult> {
  const [original] = await ctx.tx
    .select()
    .from(emailSandboxMessages)
    .where(and(eq(emailSandboxMessages.id, input.sandboxMessageId), eq(emailSandboxMessages.workspaceId, ctx.workspace.id)));
  if (!original) throw notFound("That email");
  if (original.direction !== "outbound") throw new SafeError("invalid_input", "Reply to an email Parley sent.");
  const parsed = await simpleParser(original.raw);
  const replyTo = parsed.replyTo?.value[0]?.address ?? parsed.from?.value[0]?.address;
  if (!replyTo) throw new SafeError("unprocessable", "That email has no address to reply to.");
  const references = [...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []), original.rfcMessageId];
  const quoted = original.text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const rfcMessageId = `<sandbox-${randomUUID()}@recipient.parley.invalid>`;
  const mail = {
    from: original.toAddress,
    to: replyTo,
    subject: replySubject(original.subject),
    messageId: rfcMessageId,
    inReplyTo: original.rfcMessageId,
    references,
    date: new Date(),
    text: `${input.text}\n\nOn ${original.createdAt.toUTCString()}, ${original.fromAddress} wrote:\n\n${quoted}\n`,
  };
  const raw = await buildRawEmail(mail);
  await ctx.tx.insert(emailSandboxMessages).values({
    workspaceId: ctx.workspace.id,
    channelId: original.channelId,
    direction: "inbound",
    fromAddress: original.toAddress,
    toAddress: replyTo,
    subject: mail.subject,
    html: "",
    text: mail.text,
    rfcMessageId,
    raw,
  });
  return receiveInboundEmail(ctx, { channelId: original.channelId, raw: Buffer.from(raw, "utf8"), envelopeTo: [replyTo] });
}
