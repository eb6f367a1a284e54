import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { runWorkflowRequest } from "@/lib/api/run-workflow-request";
import { runWorkflowBodySchema } from "@/lib/api/schemas/workflow-runs";

export const dynamic = "force-dynamic";

/** Run a published workflow's Manual trigger on contacts. */
export const POST = apiRoute({
  scope: "workflows:run",
  params: z.object({ workflowId: z.uuid() }),
  body: runWorkflowBodySchema,
  handler: ({ tx, caller, params, body, request }) => runWorkflowRequest(tx, caller, params.workflowId, body, readIdempotencyKey(request)),
});
