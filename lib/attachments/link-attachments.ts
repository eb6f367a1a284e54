import { and, eq, inArray, isNull } from "drizzle-orm";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";

export type AttachmentUploader = { userId: string; conversationId: string } | { contactId: string };

/**
 * Gives a message the files its sender uploaded for it, in the send's transaction: only uploads
 * of this workspace, by this same sender (an agent: for this conversation), not yet sent. Any
 * other id (another contact's upload, one already sent, a made-up one) refuses the whole send.
 */
function uploadedBy(uploader: AttachmentUploader) {
  return "userId" in uploader
    ? and(eq(messageAttachments.uploadedByUserId, uploader.userId), eq(messageAttachments.conversationId, uploader.conversationId))
    : eq(messageAttachments.uploadedByContactId, uploader.contactId);
}

const gone = () => new SafeError("invalid_input", "One of the attached files is no longer there. Attach it again.");

/** The names of uploads this sender may still send, in the order given; refuses any other id. */
export async function pendingAttachmentNames(ctx: ServiceContext, attachmentIds: readonly string[], uploader: AttachmentUploader): Promise<string[]> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return [];
  const rows = await ctx.tx
    .select({ id: messageAttachments.id, fileName: messageAttachments.fileName })
    .from(messageAttachments)
    .where(and(eq(messageAttachments.workspaceId, ctx.workspace.id), inArray(messageAttachments.id, ids), isNull(messageAttachments.messageId), uploadedBy(uploader)));
  if (rows.length !== ids.length) throw gone();
  const names = new Map(rows.map((row) => [row.id, row.fileName]));
  return ids.map((id) => names.get(id)!);
}

export async function linkAttachments(
  ctx: ServiceContext,
  input: { messageId: string; conversationId: string; attachmentIds: readonly string[]; uploader: AttachmentUploader },
): Promise<void> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return;
  const linked = await ctx.tx
    .update(messageAttachments)
    .set({ messageId: input.messageId, conversationId: input.conversationId })
    .where(and(eq(messageAttachments.workspaceId, ctx.workspace.id), inArray(messageAttachments.id, ids), isNull(messageAttachments.messageId), uploadedBy(input.uploader)))
    .returning({ id: messageAttachments.id });
  if (linked.length !== ids.length) throw gone();
}
