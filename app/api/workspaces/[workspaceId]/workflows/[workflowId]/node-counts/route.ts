import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { getNodeCounts } from "@/lib/db/queries/workflows";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** What the canvas shows on each step of a live workflow (test runs left out). */
export const GET = workspaceReadRoute({
  params: z.object({ workflowId: uuidSchema }),
  handler: ({ db, access, params }) => getNodeCounts(db, access.workspace.id, params.workflowId),
});
