import { createHash } from "node:crypto";
import { resolveContact } from "@/lib/contacts/resolve-contact";
import { runManual } from "@/lib/workflow/service/run-manual";
import type { ApiServiceContext } from "./api-route";
import type { ApiResult } from "./idempotency";
import type { RunWorkflowBody } from "./schemas/workflow-runs";

/**
 * POST /api/v1/workflows/{id}/runs: the published workflow's Manual trigger on these contacts,
 * through the engine's runManual. The Idempotency-Key becomes runManual's request id, so a
 * retried call enters nobody twice even after the stored response has expired.
 */
export async function runWorkflowRequest(
  ctx: ApiServiceContext,
  input: { workflowId: string; body: RunWorkflowBody; idempotencyKey: string | null },
): Promise<ApiResult> {
  const { workflowId, idempotencyKey } = input;
  const contactIds: string[] = [];
  for (const ref of input.body.contacts) contactIds.push((await resolveContact(ctx.tx, ctx.workspace.id, ref)).id);
  const requestId = idempotencyKey ? `api:${createHash("sha256").update(`${ctx.actor.apiKeyId}:${idempotencyKey}`).digest("hex")}` : undefined;
  const result = await runManual(ctx, { workflowId, contactIds, test: false, requestId });
  return { status: 202, body: { workflowId, versionId: result.versionId, runIds: result.runIds } };
}
