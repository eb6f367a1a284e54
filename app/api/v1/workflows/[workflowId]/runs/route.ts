import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { runWorkflowRequest } from "@/lib/api/run-workflow-request";
import { runWorkflowBodySchema } from "@/lib/api/schemas/workflow-runs";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** Run a published workflow's Manual trigger on contacts. */
export const POST = apiRoute({
  scope: "workflows:run",
  params: z.object({ workflowId: uuidSchema }),
  body: runWorkflowBodySchema,
  handler: ({ ctx, params, body, request }) =>
    runWorkflowRequest(ctx, { workflowId: params.workflowId, body, idempotencyKey: readIdempotencyKey(request) }),
});
