import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { getWorkflow } from "@/lib/db/queries/workflows";
import { uuidSchema } from "@/lib/validation/uuid";
import type { WorkflowDraft } from "@/lib/workflow/workflow-summaries";

export const dynamic = "force-dynamic";

/** The workflow's saved draft (the editor reloads it after restoring a version into it). */
export const GET = workspaceReadRoute({
  params: z.object({ workflowId: uuidSchema }),
  handler: async ({ db, access, params }): Promise<WorkflowDraft> => {
    const workflow = await getWorkflow(db, access.workspace.id, params.workflowId);
    return { draftRevision: workflow.draftRevision, draftGraph: workflow.draftGraph };
  },
});
