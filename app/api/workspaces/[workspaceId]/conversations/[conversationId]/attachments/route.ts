import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { uploadAttachment } from "@/lib/attachments/upload-attachment";
import { receiveUpload } from "@/lib/attachments/upload-request";
import { getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { notFound } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspaceId: string; conversationId: string }> };

/**
 * The composer attaches a file: the body is the file, read as it arrives (lib/attachments/
 * upload-request.ts). Left out of proxy.ts's matcher, so the session and membership are checked here.
 */
export const POST = route(async (request: Request, context: Context) => {
  const user = await requireSessionUser();
  const { workspaceId, conversationId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(conversationId).success) throw notFound("That conversation");
  const access = await getWorkspaceAccess(user.id, workspaceId);
  const scope = { workspace: { id: access.workspace.id, plan: access.workspace.plan }, actor: { type: "user" as const, userId: user.id, role: access.role } };
  const uploaded = await receiveUpload(request, ({ fileName, bytes }) => runService(scope, uploadAttachment, { fileName, bytes, conversationId }));
  return NextResponse.json({ attachment: uploaded }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
