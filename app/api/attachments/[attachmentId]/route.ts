import { route } from "@/lib/api/route-handler";
import { attachmentNotFound, attachmentResponse } from "@/lib/attachments/attachment-response";
import { verifyAttachmentSignature } from "@/lib/attachments/attachment-url";
import { getDb } from "@/lib/db/client";
import { findSignedAttachment } from "@/lib/db/queries/message-attachments";
import { fileStorage } from "@/lib/storage/file-storage";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/**
 * An attachment by signed URL (webhooks, the API, the chat page's images): no session, the
 * signature and its expiry are the access. A wrong, tampered or expired one is 404 like a missing file.
 */
export const GET = route(async (request: Request, { params }: { params: Promise<{ attachmentId: string }> }) => {
  const { attachmentId } = await params;
  const query = new URL(request.url).searchParams;
  if (!uuidSchema.safeParse(attachmentId).success || !verifyAttachmentSignature(attachmentId, query.get("expires"), query.get("signature"))) {
    return attachmentNotFound();
  }
  const attachment = await findSignedAttachment(getDb(), attachmentId);
  const file = attachment ? await fileStorage(getDb()).get(attachment.fileId) : null;
  if (!attachment || !file) return attachmentNotFound();
  return attachmentResponse(attachment, file.bytes, { download: query.has("download") });
});
