import { sql } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx } from "../../db/client";
import { notFound, SafeError } from "../../errors";
import type { PublishWorkflowInput, RestoreVersionInput, WorkflowRefInput } from "../../actions/workflows.validation";
import { queueAudienceEvaluation } from "../engine/audience-evaluation";
import { parseWorkflowGraph, type WorkflowGraph } from "../graph-schema";
import { nodeDefinitions } from "../registry";
import { validateGraphInWorkspace } from "../validate-graph-in-workspace";
import { audit } from "./audit";
import { draftConflict, invalidGraph } from "./graph-errors";
import { loadValidationContext } from "./load-validation-context";

type LockedWorkflow = { id: string; status: "draft" | "live" | "paused"; draft_graph: unknown; draft_revision: number; live_version_id: string | null };

async function lockWorkflow(tx: Tx, workspaceId: string, workflowId: string): Promise<LockedWorkflow> {
  const rows = await tx.execute<LockedWorkflow>(sql`
    SELECT id, status, draft_graph, draft_revision, live_version_id FROM workflows
    WHERE id = ${workflowId}::uuid AND workspace_id = ${workspaceId} FOR UPDATE`);
  if (!rows.rows[0]) throw notFound("That workflow");
  return rows.rows[0];
}

export function triggerTypeOf(graph: WorkflowGraph): string | null {
  return graph.nodes.find((node) => nodeDefinitions[node.type].category === "trigger")?.type ?? null;
}

/**
 * Checks the draft against the graph rules and the workspace; returns it, or throws a SafeError
 * (code "invalid_graph") whose details.issues lists every problem per node.
 */
export async function validDraftGraph(tx: Tx, workspaceId: string, rawGraph: unknown, message: string): Promise<WorkflowGraph> {
  const parsed = parseWorkflowGraph(rawGraph);
  if (!parsed.ok) throw invalidGraph(message, parsed.issues);
  const issues = validateGraphInWorkspace(parsed.graph, await loadValidationContext(tx, workspaceId));
  if (issues.length > 0) throw invalidGraph(message, issues);
  return parsed.graph;
}

/**
 * Publishing freezes the draft into an immutable, numbered version and makes it live. An invalid
 * draft publishes nothing (the transaction rolls back) and the error lists the problems per node.
 * An Audience Matched workflow is evaluated right away.
 */
export async function publishWorkflow(
  workspaceId: string,
  userId: string,
  input: Omit<PublishWorkflowInput, "workspaceId">,
  db: DbOrTx = getDb(),
): Promise<{ versionId: string; version: number }> {
  return db.transaction(async (tx) => {
    const workflow = await lockWorkflow(tx, workspaceId, input.workflowId);
    if (input.expectedRevision !== undefined && input.expectedRevision !== workflow.draft_revision) throw draftConflict(workflow.draft_revision);
    const graph = await validDraftGraph(tx, workspaceId, workflow.draft_graph, "Fix the highlighted steps before publishing.");
    const triggerType = triggerTypeOf(graph);
    const inserted = await tx.execute<{ id: string; version: number }>(sql`
      INSERT INTO workflow_versions (workspace_id, workflow_id, version, graph, trigger_type, published_by)
      SELECT ${workspaceId}::uuid, ${workflow.id}::uuid, coalesce(max(version), 0) + 1, ${JSON.stringify(graph)}::jsonb, ${triggerType}::text, ${userId}::uuid
      FROM workflow_versions WHERE workflow_id = ${workflow.id} AND NOT is_test
      RETURNING id, version`);
    const version = inserted.rows[0]!;
    await tx.execute(sql`
      UPDATE workflows SET live_version_id = ${version.id}, status = 'live', last_published_at = now(), updated_at = now()
      WHERE id = ${workflow.id}`);
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.published", targetId: workflow.id, data: { version: version.version } });
    if (triggerType === "audience_matched") await queueAudienceEvaluation(tx, workflow.id, version.id);
    return { versionId: version.id, version: version.version };
  });
}

/** Stops new contacts from entering; runs already in flight finish on their version. */
export async function pauseWorkflow(workspaceId: string, userId: string, input: Omit<WorkflowRefInput, "workspaceId">, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const workflow = await lockWorkflow(tx, workspaceId, input.workflowId);
    if (workflow.status === "draft") throw new SafeError("workflow_not_live", "This workflow isn't live yet: there is nothing to pause.");
    if (workflow.status === "live") {
      await tx.execute(sql`UPDATE workflows SET status = 'paused', updated_at = now() WHERE id = ${workflow.id}`);
      await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.paused", targetId: workflow.id });
    }
    return { status: "paused" as const };
  });
}

/** Lets contacts enter the live version again (and looks for audience matches right away). */
export async function resumeWorkflow(workspaceId: string, userId: string, input: Omit<WorkflowRefInput, "workspaceId">, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const workflow = await lockWorkflow(tx, workspaceId, input.workflowId);
    if (!workflow.live_version_id) throw new SafeError("workflow_not_live", "Publish this workflow before resuming it.");
    if (workflow.status === "paused") {
      await tx.execute(sql`UPDATE workflows SET status = 'live', updated_at = now() WHERE id = ${workflow.id}`);
      await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.resumed", targetId: workflow.id });
      const trigger = await tx.execute<{ trigger_type: string | null }>(sql`SELECT trigger_type FROM workflow_versions WHERE id = ${workflow.live_version_id}`);
      if (trigger.rows[0]?.trigger_type === "audience_matched") await queueAudienceEvaluation(tx, workflow.id, workflow.live_version_id);
    }
    return { status: "live" as const };
  });
}

/** Copies a published version's graph into the draft (the live version is untouched until published). */
export async function restoreVersion(
  workspaceId: string,
  userId: string,
  input: Omit<RestoreVersionInput, "workspaceId">,
  db: DbOrTx = getDb(),
): Promise<{ revision: number }> {
  return db.transaction(async (tx) => {
    const workflow = await lockWorkflow(tx, workspaceId, input.workflowId);
    if (input.expectedRevision !== undefined && input.expectedRevision !== workflow.draft_revision) throw draftConflict(workflow.draft_revision);
    const version = await tx.execute<{ version: number }>(sql`
      UPDATE workflows w SET draft_graph = v.graph, draft_revision = w.draft_revision + 1, updated_at = now()
      FROM workflow_versions v
      WHERE w.id = ${workflow.id} AND v.id = ${input.versionId}::uuid AND v.workflow_id = w.id AND v.workspace_id = ${workspaceId} AND NOT v.is_test
      RETURNING v.version`);
    if (!version.rows[0]) throw notFound("That version");
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.version_restored", targetId: workflow.id, data: { version: version.rows[0].version } });
    return { revision: workflow.draft_revision + 1 };
  });
}
