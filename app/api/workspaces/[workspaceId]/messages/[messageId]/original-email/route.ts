import { route } from "@/lib/api/route-handler";
import { getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { originalEmailOf } from "@/lib/email/original-email";
import { notFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/**
 * An emailed message's original, as received, for any member of the workspace. Always a download
 * of opaque bytes (never shown inline: it is whatever the sender wrote, scripts and all).
 */
export const GET = route(async (_request: Request, context: { params: Promise<{ workspaceId: string; messageId: string }> }) => {
  const user = await requireSessionUser();
  const { workspaceId, messageId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(messageId).success) throw notFound("That email");
  const access = await getWorkspaceAccess(user.id, workspaceId);
  const original = await originalEmailOf(getDb(), access.workspace.id, messageId);
  if (!original) throw notFound("That email");
  return new Response(new Uint8Array(original.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="email-${messageId}.eml"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
