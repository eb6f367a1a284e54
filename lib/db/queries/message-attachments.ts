import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { conversations, messages } from "@/lib/db/schema/conversations";

/** What a reader of a message sees of each file (the URL is added for who reads it). */
export type AttachmentInfo = { id: string; fileName: string; contentType: string; byteSize: number };

/** An attachment as a page shows it: with the URL this reader fetches it by. */
export type ShownAttachment = AttachmentInfo & { url: string };

/** Where an agent of the workspace fetches an attachment (their session is the access). */
export function agentAttachmentPath(workspaceId: string, attachmentId: string): string {
  return `/api/workspaces/${workspaceId}/attachments/${attachmentId}`;
}

const infoColumns = {
  id: messageAttachments.id,
  messageId: messageAttachments.messageId,
  fileName: messageAttachments.fileName,
  contentType: messageAttachments.contentType,
  byteSize: messageAttachments.byteSize,
};

/** The files of these messages of the workspace, by message id, in upload order. */
export async function attachmentsOfMessages(db: DbOrTx, workspaceId: string, messageIds: readonly string[]): Promise<Map<string, AttachmentInfo[]>> {
  const byMessage = new Map<string, AttachmentInfo[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select(infoColumns)
    .from(messageAttachments)
    .where(and(eq(messageAttachments.workspaceId, workspaceId), inArray(messageAttachments.messageId, [...messageIds])))
    .orderBy(asc(messageAttachments.createdAt), asc(messageAttachments.id));
  for (const { messageId, ...info } of rows) {
    const list = byMessage.get(messageId!) ?? [];
    list.push(info);
    byMessage.set(messageId!, list);
  }
  return byMessage;
}

export type ServableAttachment = AttachmentInfo & { fileId: string };

export async function findServable(db: DbOrTx, where: SQL, join: "none" | "chat" = "none"): Promise<ServableAttachment | null> {
  const base = db
    .select({ id: messageAttachments.id, fileId: messageAttachments.fileId, fileName: messageAttachments.fileName, contentType: messageAttachments.contentType, byteSize: messageAttachments.byteSize })
    .from(messageAttachments);
  const query =
    join === "chat"
      ? base.leftJoin(messages, eq(messages.id, messageAttachments.messageId)).leftJoin(conversations, eq(conversations.id, messages.conversationId)).where(where)
      : base.where(where);
  const [row] = await query.limit(1);
  return row ?? null;
}

/** An attachment of this workspace, for its agents (sent or still in a composer). */
export function findWorkspaceAttachment(db: DbOrTx, workspaceId: string, attachmentId: string) {
  return findServable(db, and(eq(messageAttachments.id, attachmentId), eq(messageAttachments.workspaceId, workspaceId))!);
}

/** Any attachment by id: only for a URL whose signature was checked. */
export function findSignedAttachment(db: DbOrTx, attachmentId: string) {
  return findServable(db, eq(messageAttachments.id, attachmentId));
}
