import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { mails } from "@/lib/db/schema/mail";
import { defineTask } from "@/lib/jobs/define-task";
import { mailSendJob } from "./mail-send-job";
import { mailTransport } from "./mail-transport";
import { MAIL_SEND_ATTEMPTS } from "./queue-mail";

/**
 * Delivers one queued mail. Sent and sandboxed mail is never sent again (a retried job finds it
 * done); a failure is recorded and thrown, so graphile-worker retries it with backoff, and the
 * last attempt marks the mail failed. A crash between sending and recording can send a mail twice
 * (SMTP has no idempotency), never zero times.
 */
export const mailSendTask = defineTask(mailSendJob.name, mailSendJob.schema, async ({ mailId }, helpers) => {
  const db = getDb();
  const [mail] = await db.select().from(mails).where(and(eq(mails.id, mailId), inArray(mails.status, ["queued", "failed"])));
  if (!mail) return;
  const transport = mailTransport();
  if (transport.kind === "sandbox") {
    await db.update(mails).set({ status: "sandboxed", sentAt: sql`now()`, attempts: sql`${mails.attempts} + 1` }).where(eq(mails.id, mailId));
    return;
  }
  try {
    const info = await transport.transporter.sendMail({ from: transport.from, to: mail.toAddress, subject: mail.subject, html: mail.html, text: mail.text });
    await db
      .update(mails)
      .set({ status: "sent", messageId: info.messageId ?? null, sentAt: sql`now()`, attempts: sql`${mails.attempts} + 1`, lastError: null })
      .where(eq(mails.id, mailId));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = helpers.job.attempts >= MAIL_SEND_ATTEMPTS;
    await db
      .update(mails)
      .set({ attempts: sql`${mails.attempts} + 1`, lastError: message.slice(0, 500), ...(last ? { status: "failed" as const } : {}) })
      .where(eq(mails.id, mailId));
    throw error;
  }
});
