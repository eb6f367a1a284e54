import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { assertRole, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { importTooLarge, uploadContactImport } from "@/lib/contact-imports/csv-upload";
import { uploadContactImportQuerySchema } from "@/lib/contact-imports/contact-imports.validation";
import { IMPORT_MAX_BYTES } from "@/lib/contact-imports/import-limits";
import { notFound, SafeError } from "@/lib/errors";
import { declaredLength, limitedBody, withSpooledBody } from "@/lib/http/request-body";
import { runService } from "@/lib/services/run-service";
import { assertAcceptableText } from "@/lib/validation/text";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/**
 * Contacts › Import: the CSV file itself is the request body, spooled to a temporary file as it
 * arrives (so a slow upload holds no database connection: lib/http/request-body.ts), then staged
 * row batch by row batch (lib/contact-imports/csv-upload.ts). This path is left out of proxy.ts's
 * matcher: the proxy would buffer (and past 10 MB cut) the body to let itself read it; the
 * session, membership and role are checked here instead.
 */
export const POST = route(async (request: Request, context: { params: Promise<{ workspaceId: string }> }) => {
  const user = await requireSessionUser();
  const { workspaceId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success) throw notFound("That workspace");
  const access = await getWorkspaceAccess(user.id, workspaceId);
  assertRole(access, "admin");
  const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
  assertAcceptableText(rawQuery, "The file name");
  const { fileName } = uploadContactImportQuerySchema.parse(rawQuery);
  // Only the page's own fetch sends this type: a cross-site form cannot, without a CORS preflight.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("text/csv")) throw new SafeError("invalid_input", "Send the file as text/csv.");
  if (!request.body) throw new SafeError("invalid_input", "Choose a CSV file to upload.");
  const body = limitedBody(request.body, declaredLength(request), IMPORT_MAX_BYTES, importTooLarge);
  const scope = { workspace: { id: access.workspace.id, plan: access.workspace.plan }, actor: { type: "user" as const, userId: user.id, role: access.role } };
  const { importId, totalRows } = await withSpooledBody(body, 64 * 1024, (spooled) => runService(scope, uploadContactImport, { fileName, body: spooled }));
  return NextResponse.json({ importId, totalRows }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
