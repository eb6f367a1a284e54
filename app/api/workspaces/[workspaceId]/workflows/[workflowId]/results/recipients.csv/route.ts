import { getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { recipientsCsvChunks, recordRecipientsExport } from "@/lib/results/recipients-csv";
import { loadWorkflowName, resultsParamsSchema, startNodesOf } from "@/lib/results/results-page-data";
import { runService } from "@/lib/services/run-service";
import { csvDownload } from "@/lib/api/csv-download";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ workspaceId: string; workflowId: string }> };

/**
 * A workflow's recipients as CSV, with the Results tab's filters (?node=&status=): any member of
 * the workspace, as any member can read the tab. Streamed a page at a time as the browser reads
 * it; audited before the first byte.
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const user = await requireSessionUser();
    const { workspaceId, workflowId } = await context.params;
    const access = await getWorkspaceAccess(user.id, workspaceId);
    const db = getDb();
    const workflow = await loadWorkflowName(db, access.workspace.id, workflowId);
    if (!workflow) throw notFound("That workflow");
    const search = new URL(request.url).searchParams;
    const params = resultsParamsSchema.parse({ node: search.get("node") ?? undefined, status: search.get("status") ?? undefined });
    const startNodes = await startNodesOf(db, access.workspace.id, workflowId);
    const filter = { nodeId: params.node && startNodes.some((node) => node.id === params.node) ? params.node : null, status: params.status ?? null };
    const scope = { workspace: { id: access.workspace.id, plan: access.workspace.plan }, actor: { type: "user" as const, userId: user.id, role: access.role } };
    await runService(scope, recordRecipientsExport, { workflowId, filter });

    const chunks = recipientsCsvChunks(db, { workspaceId: access.workspace.id, workflowId, startNodes, filter });
    return csvDownload(chunks, { filename: `workflow-recipients-${new Date().toISOString().slice(0, 10)}.csv`, what: "recipients" });
  } catch (error) {
    return errorResponse(error);
  }
}
