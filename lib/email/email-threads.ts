import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import { emailThreads } from "@/lib/db/schema/email";

/** A conversation's reply token: 128 random bits, lower-case hex (mail systems may fold case). */
export function newReplyToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Writes the threads of new email conversations (subject, reply token). A conversation that
 * already has one keeps it (a retried step). Without a subject, the send job's default applies.
 */
export async function startEmailThreads(
  db: DbOrTx,
  input: { workspaceId: string; channelId: string; threads: readonly { conversationId: string; subject: string | null }[] },
): Promise<void> {
  if (input.threads.length === 0) return;
  await db
    .insert(emailThreads)
    .values(
      input.threads.map((thread) => ({
        conversationId: thread.conversationId,
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        replyToken: newReplyToken(),
        subject: thread.subject ?? "",
      })),
    )
    .onConflictDoNothing();
}
