import type { DbOrTx } from "@/lib/db/client";
import { mails } from "@/lib/db/schema/mail";
import { enqueue } from "@/lib/jobs/enqueue";
import { mailSendJob } from "./mail-send-job";
import type { MailMessage } from "./mail-message";

/**
 * THE way Parley sends mail: the mail is written, and its sending queued, in the caller's
 * transaction, so it goes out if and only if the change that needs it commits; the mail-send job
 * delivers it (SMTP, or the sandbox without one), retried until it does.
 */
export async function queueMail(
  db: DbOrTx,
  // userId: the account a mail without a workspace concerns (a reset, an email change); the mail
  // sandbox shows such mail to the owners of that person's workspaces.
  message: MailMessage & { workspaceId: string | null; userId?: string | null },
): Promise<{ mailId: string }> {
  const [row] = await db
    .insert(mails)
    .values({ workspaceId: message.workspaceId, userId: message.userId ?? null, kind: message.kind, toAddress: message.to, subject: message.subject, html: message.html, text: message.text })
    .returning({ id: mails.id });
  await enqueue(db, mailSendJob, { mailId: row!.id }, { maxAttempts: MAIL_SEND_ATTEMPTS });
  return { mailId: row!.id };
}

/** About a day of retries with graphile-worker's exponential backoff before a mail is marked failed. */
export const MAIL_SEND_ATTEMPTS = 12;
