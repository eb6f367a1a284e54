import { getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { contactCsvChunks, recordContactExport } from "@/lib/contacts/contact-export";
import { contactListFilterFromSearchParams } from "@/lib/contacts/contact-list-params";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/api/route-handler";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { csvDownload } from "@/lib/api/csv-download";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ workspaceId: string }> };

/**
 * The Contacts list as CSV, with the filter of the list's URL (the same search params): any member
 * of the workspace, as anyone who can read the list can read each row of it. Streamed a batch at a
 * time as the browser reads it; the export is audited before the first byte.
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const user = await requireSessionUser();
    const { workspaceId } = await context.params;
    const access = await getWorkspaceAccess(user.id, workspaceId);
    const { filter, unsearchable } = contactListFilterFromSearchParams(new URL(request.url).searchParams);
    if (unsearchable) throw new SafeError("invalid_text", "The search text contains a character Parley does not store (a NUL or an unpaired surrogate).", { path: "q" });
    const scope = { workspace: { id: access.workspace.id, plan: access.workspace.plan }, actor: { type: "user" as const, userId: user.id, role: access.role } };
    await runService(scope, recordContactExport, { filter });

    const chunks = contactCsvChunks(getDb(), access.workspace.id, filter);
    return csvDownload(chunks, { filename: `contacts-${new Date().toISOString().slice(0, 10)}.csv`, what: "contacts" });
  } catch (error) {
    return errorResponse(error);
  }
}
