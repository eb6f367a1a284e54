import { and, eq, sql } from "drizzle-orm";
import { workflows } from "@/lib/db/schema/workflows";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import type { GraphIssue } from "@/lib/workflow/graph-issue";
import { emptyGraph, parseWorkflowGraph } from "@/lib/workflow/graph-schema";
import { validateGraphInWorkspace } from "@/lib/workflow/validate-graph-in-workspace";
import { validateGraphStructure } from "@/lib/workflow/validate-graph";
import { draftConflict, parseGraphOrThrow } from "./graph-errors";
import { loadValidationContext } from "./load-validation-context";
import type { CreateWorkflowInput, RenameWorkflowInput, SaveDraftInput, UpdateWorkflowSettingsInput, WorkflowRefInput } from "./workflows.validation";

// Builder operations on a workflow's identity and draft: services (ctx, input), every statement
// in ctx.tx and scoped to ctx.workspace. lib/actions/workflows.ts exposes them to the builder.

const inWorkspace = (ctx: ServiceContext, workflowId: string) => and(eq(workflows.id, workflowId), eq(workflows.workspaceId, ctx.workspace.id));

export async function createWorkflow(ctx: ServiceContext, input: CreateWorkflowInput): Promise<{ workflowId: string; revision: number }> {
  const [row] = await ctx.tx
    .insert(workflows)
    .values({ workspaceId: ctx.workspace.id, name: input.name, draftGraph: emptyGraph(), createdBy: actorUserId(ctx.actor) })
    .returning({ id: workflows.id, revision: workflows.draftRevision });
  await audit(ctx, { action: "workflow.created", target: { type: "workflow", id: row!.id }, data: { name: input.name } });
  return { workflowId: row!.id, revision: row!.revision };
}

export async function renameWorkflow(ctx: ServiceContext, input: RenameWorkflowInput): Promise<{ workflowId: string; name: string }> {
  const updated = await ctx.tx
    .update(workflows)
    .set({ name: input.name, updatedAt: sql`now()` })
    .where(inWorkspace(ctx, input.workflowId))
    .returning({ id: workflows.id });
  if (updated.length === 0) throw notFound("That workflow");
  return { workflowId: input.workflowId, name: input.name };
}

export async function updateWorkflowSettings(ctx: ServiceContext, input: UpdateWorkflowSettingsInput): Promise<{ allowReentry: boolean }> {
  const updated = await ctx.tx
    .update(workflows)
    .set({ allowReentry: input.allowReentry, updatedAt: sql`now()` })
    .where(inWorkspace(ctx, input.workflowId))
    .returning({ id: workflows.id });
  if (updated.length === 0) throw notFound("That workflow");
  await audit(ctx, { action: "workflow.settings_changed", target: { type: "workflow", id: input.workflowId }, data: { allowReentry: input.allowReentry } });
  return { allowReentry: input.allowReentry };
}

export async function duplicateWorkflow(ctx: ServiceContext, input: WorkflowRefInput): Promise<{ workflowId: string }> {
  const [source] = await ctx.tx
    .select({ name: workflows.name, draftGraph: workflows.draftGraph, allowReentry: workflows.allowReentry, goal: workflows.goal })
    .from(workflows)
    .where(inWorkspace(ctx, input.workflowId));
  if (!source) throw notFound("That workflow");
  const [row] = await ctx.tx
    .insert(workflows)
    .values({
      workspaceId: ctx.workspace.id,
      name: `Copy of ${source.name}`.slice(0, 120),
      draftGraph: source.draftGraph,
      allowReentry: source.allowReentry,
      goal: source.goal,
      createdBy: actorUserId(ctx.actor),
    })
    .returning({ id: workflows.id });
  await audit(ctx, { action: "workflow.created", target: { type: "workflow", id: row!.id }, data: { duplicatedFrom: input.workflowId } });
  return { workflowId: row!.id };
}

/** Deletes the workflow, its versions and runs; conversations it started stay, unlinked. */
export async function deleteWorkflow(ctx: ServiceContext, input: WorkflowRefInput): Promise<{ workflowId: string }> {
  const [deleted] = await ctx.tx.delete(workflows).where(inWorkspace(ctx, input.workflowId)).returning({ name: workflows.name });
  if (!deleted) throw notFound("That workflow");
  await audit(ctx, { action: "workflow.deleted", target: { type: "workflow", id: input.workflowId }, data: { name: deleted.name } });
  return { workflowId: input.workflowId };
}

/**
 * Autosave. The draft may be incomplete (a step without its message), but it must be a
 * well-formed graph of known node types. A save based on a revision that is no longer current
 * is refused with code "draft_conflict" instead of overwriting the other tab's work. Returns the
 * new revision and the structural issues to show on the canvas.
 */
export async function saveDraft(ctx: ServiceContext, input: SaveDraftInput): Promise<{ revision: number; issues: GraphIssue[] }> {
  const graph = parseGraphOrThrow(input.graph);
  const [saved] = await ctx.tx
    .update(workflows)
    .set({ draftGraph: graph, draftRevision: sql`${workflows.draftRevision} + 1`, updatedAt: sql`now()` })
    .where(and(inWorkspace(ctx, input.workflowId), eq(workflows.draftRevision, input.expectedRevision)))
    .returning({ revision: workflows.draftRevision });
  if (saved) return { revision: saved.revision, issues: validateGraphStructure(graph) };
  const [current] = await ctx.tx.select({ revision: workflows.draftRevision }).from(workflows).where(inWorkspace(ctx, input.workflowId));
  if (!current) throw notFound("That workflow");
  throw draftConflict(current.revision);
}

/** Everything publishing would refuse, without publishing: what the canvas pins on nodes. */
export async function validateDraft(ctx: ServiceContext, input: WorkflowRefInput): Promise<{ issues: GraphIssue[] }> {
  const [workflow] = await ctx.tx.select({ draftGraph: workflows.draftGraph }).from(workflows).where(inWorkspace(ctx, input.workflowId));
  if (!workflow) throw notFound("That workflow");
  const parsed = parseWorkflowGraph(workflow.draftGraph);
  if (!parsed.ok) return { issues: parsed.issues };
  return { issues: validateGraphInWorkspace(parsed.graph, await loadValidationContext(ctx)) };
}
