import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { notFound } from "../../errors";
import type {
  CreateWorkflowInput,
  RenameWorkflowInput,
  SaveDraftInput,
  UpdateWorkflowSettingsInput,
  WorkflowRefInput,
} from "../../actions/workflows.validation";
import type { GraphIssue } from "../graph-issue";
import { emptyGraph, parseWorkflowGraph } from "../graph-schema";
import { validateGraphInWorkspace } from "../validate-graph-in-workspace";
import { validateGraphStructure } from "../validate-graph";
import { audit } from "./audit";
import { draftConflict, parseGraphOrThrow } from "./graph-errors";
import { loadValidationContext } from "./load-validation-context";

// Builder operations on a workflow's identity and draft. Each takes the workspace it acts in and
// scopes every statement to it; the "use server" actions in lib/actions/workflows.ts wrap them.

export async function createWorkflow(workspaceId: string, userId: string, input: Omit<CreateWorkflowInput, "workspaceId">, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string; draft_revision: number }>(sql`
      INSERT INTO workflows (workspace_id, name, draft_graph, created_by)
      VALUES (${workspaceId}, ${input.name}, ${JSON.stringify(emptyGraph())}::jsonb, ${userId})
      RETURNING id, draft_revision`);
    const row = rows.rows[0]!;
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.created", targetId: row.id, data: { name: input.name } });
    return { workflowId: row.id, revision: row.draft_revision };
  });
}

export async function renameWorkflow(workspaceId: string, _userId: string, input: Omit<RenameWorkflowInput, "workspaceId">, db: DbOrTx = getDb()) {
  const rows = await db.execute(sql`
    UPDATE workflows SET name = ${input.name}, updated_at = now()
    WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId} RETURNING id`);
  if (rows.rows.length === 0) throw notFound("That workflow");
  return { workflowId: input.workflowId, name: input.name };
}

export async function updateWorkflowSettings(
  workspaceId: string,
  userId: string,
  input: Omit<UpdateWorkflowSettingsInput, "workspaceId">,
  db: DbOrTx = getDb(),
) {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      UPDATE workflows SET allow_reentry = ${input.allowReentry}, updated_at = now()
      WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId} RETURNING id`);
    if (rows.rows.length === 0) throw notFound("That workflow");
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.settings_changed", targetId: input.workflowId, data: { allowReentry: input.allowReentry } });
    return { allowReentry: input.allowReentry };
  });
}

export async function duplicateWorkflow(workspaceId: string, userId: string, input: Omit<WorkflowRefInput, "workspaceId">, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      INSERT INTO workflows (workspace_id, name, draft_graph, allow_reentry, created_by)
      SELECT workspace_id, left('Copy of ' || name, 120), draft_graph, allow_reentry, ${userId}
      FROM workflows WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId}
      RETURNING id`);
    const row = rows.rows[0];
    if (!row) throw notFound("That workflow");
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.created", targetId: row.id, data: { duplicatedFrom: input.workflowId } });
    return { workflowId: row.id };
  });
}

/** Deletes the workflow, its versions and runs; conversations it started stay, unlinked. */
export async function deleteWorkflow(workspaceId: string, userId: string, input: Omit<WorkflowRefInput, "workspaceId">, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ name: string }>(sql`
      DELETE FROM workflows WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId} RETURNING name`);
    if (rows.rows.length === 0) throw notFound("That workflow");
    await audit(tx, { workspaceId, actorUserId: userId, action: "workflow.deleted", targetId: input.workflowId, data: { name: rows.rows[0]!.name } });
    return { workflowId: input.workflowId };
  });
}

/**
 * Autosave. The draft may be incomplete (a step without its message), but it must be a
 * well-formed graph of known node types. A save based on a revision that is no longer current
 * is refused with code "draft_conflict" instead of overwriting the other tab's work. Returns the
 * new revision and the structural issues to show on the canvas.
 */
export async function saveDraft(
  workspaceId: string,
  _userId: string,
  input: Omit<SaveDraftInput, "workspaceId">,
  db: DbOrTx = getDb(),
): Promise<{ revision: number; issues: GraphIssue[] }> {
  const graph = parseGraphOrThrow(input.graph);
  const rows = await db.execute<{ draft_revision: number }>(sql`
    UPDATE workflows SET draft_graph = ${JSON.stringify(graph)}::jsonb, draft_revision = draft_revision + 1, updated_at = now()
    WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId} AND draft_revision = ${input.expectedRevision}
    RETURNING draft_revision`);
  if (rows.rows[0]) return { revision: rows.rows[0].draft_revision, issues: validateGraphStructure(graph) };
  const current = await db.execute<{ draft_revision: number }>(sql`
    SELECT draft_revision FROM workflows WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId}`);
  if (!current.rows[0]) throw notFound("That workflow");
  throw draftConflict(current.rows[0].draft_revision);
}

/** Everything publishing would refuse, without publishing: what the canvas pins on nodes. */
export async function validateDraft(workspaceId: string, input: Omit<WorkflowRefInput, "workspaceId">, db: DbOrTx = getDb()): Promise<{ issues: GraphIssue[] }> {
  const rows = await db.execute<{ draft_graph: unknown }>(sql`
    SELECT draft_graph FROM workflows WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId}`);
  if (!rows.rows[0]) throw notFound("That workflow");
  const parsed = parseWorkflowGraph(rows.rows[0].draft_graph);
  if (!parsed.ok) return { issues: parsed.issues };
  return { issues: validateGraphInWorkspace(parsed.graph, await loadValidationContext(db, workspaceId)) };
}
