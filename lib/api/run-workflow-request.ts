import { createHash } from "node:crypto";
import type { Tx } from "../db/client";
import { runManual } from "../workflow/service/run-manual";
import type { ApiCaller } from "./authenticate";
import type { ApiResult } from "./idempotency";
import { resolveContact } from "./resolve-contact";
import type { RunWorkflowBody } from "./schemas/workflow-runs";

/**
 * POST /api/v1/workflows/{id}/runs: the published workflow's Manual trigger on these contacts,
 * through the engine's runManual. The Idempotency-Key becomes runManual's request id, so a
 * retried call enters nobody twice even after the stored response has expired.
 */
export async function runWorkflowRequest(
  tx: Tx,
  caller: ApiCaller,
  workflowId: string,
  body: RunWorkflowBody,
  idempotencyKey: string | null,
): Promise<ApiResult> {
  const contactIds: string[] = [];
  for (const ref of body.contacts) contactIds.push((await resolveContact(tx, caller.workspaceId, ref)).id);
  const result = await runManual(
    { tx, workspace: { id: caller.workspaceId, plan: caller.plan }, actor: { type: "api_key", apiKeyId: caller.apiKeyId, name: caller.apiKeyName } },
    { workflowId, contactIds, test: false, requestId: idempotencyKey ? `api:${createHash("sha256").update(`${caller.apiKeyId}:${idempotencyKey}`).digest("hex")}` : undefined },
  );
  return { status: 202, body: { workflowId, versionId: result.versionId, runIds: result.runIds } };
}
