import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { getRunLog } from "@/lib/db/queries/workflows";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** One run with its step log. */
export const GET = workspaceReadRoute({
  params: z.object({ runId: uuidSchema }),
  handler: ({ db, access, params }) => getRunLog(db, access.workspace.id, params.runId),
});
