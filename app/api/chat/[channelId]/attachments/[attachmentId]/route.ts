import { route } from "@/lib/api/route-handler";
import { attachmentNotFound, attachmentResponse } from "@/lib/attachments/attachment-response";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { requireChatContext } from "@/lib/chat/chat-request";
import { getDb } from "@/lib/db/client";
import { findChatAttachment } from "@/lib/db/queries/chat-messages";
import { fileStorage } from "@/lib/storage/file-storage";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channelId: string; attachmentId: string }> };

/** An attachment for the chat session whose conversation it is in; another contact's is 404. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { channelId, attachmentId } = await params;
  const { scope } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER));
  if (!uuidSchema.safeParse(attachmentId).success) return attachmentNotFound();
  const attachment = await findChatAttachment(getDb(), scope, attachmentId);
  const file = attachment ? await fileStorage(getDb()).get(attachment.fileId) : null;
  if (!attachment || !file) return attachmentNotFound();
  return attachmentResponse(attachment, file.bytes);
});
