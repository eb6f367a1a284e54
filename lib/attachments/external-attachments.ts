import type { DbOrTx } from "@/lib/db/client";
import { attachmentsOfMessages, type AttachmentInfo } from "@/lib/db/queries/message-attachments";
import { EXTERNAL_URL_TTL_SECONDS, signedAttachmentUrl } from "./attachment-url";

/** An attachment as a webhook or an API response shows it: an absolute URL that is signed and expires. */
export type ExternalAttachment = AttachmentInfo & { url: string; urlExpiresAt: string };

/** The files of these messages, by message id, each with a signed URL valid for EXTERNAL_URL_TTL_SECONDS from now. */
export async function externalAttachments(db: DbOrTx, workspaceId: string, messageIds: readonly string[], now: Date = new Date()): Promise<Record<string, ExternalAttachment[]>> {
  const byMessage = await attachmentsOfMessages(db, workspaceId, messageIds);
  const urlExpiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + EXTERNAL_URL_TTL_SECONDS * 1000).toISOString();
  const result: Record<string, ExternalAttachment[]> = {};
  for (const [messageId, list] of byMessage) {
    result[messageId] = list.map((info) => ({ ...info, url: signedAttachmentUrl(info.id, EXTERNAL_URL_TTL_SECONDS, now), urlExpiresAt }));
  }
  return result;
}
