import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { listRuns } from "@/lib/db/queries/workflows";
import { uuidSchema } from "@/lib/validation/uuid";
import { listRunsQuery } from "@/lib/workflow/run-history.validation";

export const dynamic = "force-dynamic";

/** The workflow's runs, newest first, a page at a time, filtered by status and by step. */
export const GET = workspaceReadRoute({
  params: z.object({ workflowId: uuidSchema }),
  query: listRunsQuery,
  handler: ({ db, access, params, query }) => listRuns(db, access.workspace.id, { workflowId: params.workflowId, ...query }),
});
