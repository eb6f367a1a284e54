import { route } from "@/lib/api/route-handler";
import { attachmentNotFound, attachmentResponse } from "@/lib/attachments/attachment-response";
import { findWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findWorkspaceAttachment } from "@/lib/db/queries/message-attachments";
import { fileStorage } from "@/lib/storage/file-storage";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspaceId: string; attachmentId: string }> };

/** An attachment, for an agent of its workspace; anyone else (another workspace's agent included) gets 404. */
export const GET = route(async (request: Request, context: Context) => {
  const user = await requireSessionUser();
  const { workspaceId, attachmentId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(attachmentId).success) return attachmentNotFound();
  const access = await findWorkspaceAccess(user.id, workspaceId);
  if (!access) return attachmentNotFound();
  const attachment = await findWorkspaceAttachment(getDb(), access.workspace.id, attachmentId);
  const file = attachment ? await fileStorage(getDb()).get(attachment.fileId) : null;
  if (!attachment || !file) return attachmentNotFound();
  return attachmentResponse(attachment, file.bytes, { download: new URL(request.url).searchParams.has("download") });
});
