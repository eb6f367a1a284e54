import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { listVersions } from "@/lib/db/queries/workflows";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** The workflow's published versions, newest first. */
export const GET = workspaceReadRoute({
  params: z.object({ workflowId: uuidSchema }),
  handler: ({ db, access, params }) => listVersions(db, access.workspace.id, params.workflowId),
});
