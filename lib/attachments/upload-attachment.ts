import { and, eq } from "drizzle-orm";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { conversations } from "@/lib/db/schema/conversations";
import { SafeError, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { fileStorage } from "@/lib/storage/file-storage";
import { SNIFF_BYTES, sniffAttachmentType } from "./attachment-type";
import { peekHead } from "./read-upload";

export type UploadAttachmentInput = {
  fileName: string;
  /** The file, whole or as it arrives (an upload request's body: never gathered, see putStream). */
  bytes: Uint8Array | AsyncIterable<Uint8Array>;
  /** An agent's upload names the conversation it is for; a contact's is placed by the send. */
  conversationId?: string;
};

async function* asChunks(bytes: Uint8Array | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (bytes instanceof Uint8Array) yield bytes;
  else yield* bytes;
}

export type UploadedAttachment = { id: string; fileName: string; contentType: string; byteSize: number };

/**
 * Keeps an uploaded file (lib/storage) as an attachment not yet sent: the send that names its id
 * links it to the message (linkAttachments). Its type is read from its bytes here.
 */
export async function uploadAttachment(ctx: ServiceContext, input: UploadAttachmentInput): Promise<UploadedAttachment> {
  const actor = ctx.actor;
  let owner: { conversationId: string | null; contactId: string | null; uploadedByUserId: string | null; uploadedByContactId: string | null };
  if (actor.type === "contact" && actor.contactId) {
    owner = { conversationId: null, contactId: actor.contactId, uploadedByUserId: null, uploadedByContactId: actor.contactId };
  } else if (actor.type === "user" && input.conversationId) {
    const [conversation] = await ctx.tx
      .select({ contactId: conversations.contactId })
      .from(conversations)
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
    if (!conversation) throw notFound("That conversation");
    owner = { conversationId: input.conversationId, contactId: conversation.contactId, uploadedByUserId: actor.userId, uploadedByContactId: null };
  } else {
    throw new SafeError("forbidden", "Only an agent in a conversation or a contact in their chat can attach files.");
  }
  // The type from the first bytes (all file-type reads); the rest flows into storage part by part.
  const { head, all } = await peekHead(asChunks(input.bytes), SNIFF_BYTES);
  if (head.byteLength === 0) throw new SafeError("invalid_input", "That file is empty.");
  const contentType = await sniffAttachmentType(head);
  const { id: fileId, byteSize } = await fileStorage(ctx.tx).putStream(all, contentType);
  const [row] = await ctx.tx
    .insert(messageAttachments)
    .values({ workspaceId: ctx.workspace.id, fileId, fileName: input.fileName, contentType, byteSize, ...owner })
    .returning({ id: messageAttachments.id });
  return { id: row!.id, fileName: input.fileName, contentType, byteSize };
}
