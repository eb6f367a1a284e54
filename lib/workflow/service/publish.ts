import { and, eq, max, not, sql } from "drizzle-orm";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { queueAudienceEvaluation } from "@/lib/workflow/engine/audience-evaluation";
import { parseWorkflowGraph, type WorkflowGraph } from "@/lib/workflow/graph-schema";
import { goalIssues, workflowGoalSchema, type WorkflowGoal } from "@/lib/workflow/goal/goal";
import { findTrigger } from "@/lib/workflow/node-types";
import { audienceMatchedDefinition } from "@/lib/workflow/nodes/audience-matched/definition";
import { validateGraphInWorkspace } from "@/lib/workflow/validate-graph-in-workspace";
import { draftConflict, invalidGraph } from "./graph-errors";
import { loadValidationContext } from "./load-validation-context";
import type { PublishWorkflowInput, RestoreVersionInput } from "./publish.validation";
import type { WorkflowRefInput } from "./workflows.validation";

/** The workflow, locked against concurrent publishes, pauses and restores until the transaction ends. */
async function lockWorkflow(ctx: ServiceContext, workflowId: string) {
  const [workflow] = await ctx.tx
    .select({
      id: workflows.id,
      status: workflows.status,
      draftGraph: workflows.draftGraph,
      draftRevision: workflows.draftRevision,
      liveVersionId: workflows.liveVersionId,
      goal: workflows.goal,
    })
    .from(workflows)
    .where(and(eq(workflows.id, workflowId), eq(workflows.workspaceId, ctx.workspace.id)))
    .for("update");
  if (!workflow) throw notFound("That workflow");
  return workflow;
}

export function triggerTypeOf(graph: WorkflowGraph): string | null {
  return findTrigger(graph)?.type ?? null;
}

/** Evaluated right away on publish and resume, then on its schedule. */
const evaluatesOnGoingLive = (triggerType: string | null) => triggerType === audienceMatchedDefinition.type;

/**
 * Checks the draft against the graph rules and the workspace; returns it, or throws a SafeError
 * (code "invalid_graph") whose details.issues lists every problem per node.
 */
export async function validDraftGraph(ctx: ServiceContext, rawGraph: unknown, message: string): Promise<WorkflowGraph> {
  const parsed = parseWorkflowGraph(rawGraph);
  if (!parsed.ok) throw invalidGraph(message, parsed.issues);
  const issues = validateGraphInWorkspace(parsed.graph, await loadValidationContext(ctx));
  if (issues.length > 0) throw invalidGraph(message, issues);
  return parsed.graph;
}

/** The workflow's goal as a version freezes it, or null; one that is not ready refuses the publish. */
function publishableGoal(raw: unknown): WorkflowGoal | null {
  if (raw === null || raw === undefined) return null;
  const parsed = workflowGoalSchema.safeParse(raw);
  const issues = parsed.success ? goalIssues(parsed.data) : ["The workflow's goal is malformed: set it again in Settings."];
  if (issues.length > 0) throw invalidGraph("Fix the workflow's goal before publishing.", issues.map((message) => ({ nodeId: null, field: "goal", message: `Goal: ${message}` })));
  return parsed.data!;
}

/**
 * Publishing freezes the draft into an immutable, numbered version and makes it live. An invalid
 * draft publishes nothing (the transaction rolls back) and the error lists the problems per node.
 * An Audience Matched workflow is evaluated right away.
 */
export async function publishWorkflow(ctx: ServiceContext, input: PublishWorkflowInput): Promise<{ versionId: string; version: number }> {
  const workflow = await lockWorkflow(ctx, input.workflowId);
  if (input.expectedRevision !== undefined && input.expectedRevision !== workflow.draftRevision) throw draftConflict(workflow.draftRevision);
  const graph = await validDraftGraph(ctx, workflow.draftGraph, "Fix the highlighted steps before publishing.");
  const goal = publishableGoal(workflow.goal);
  const triggerType = triggerTypeOf(graph);
  // The workflow row is locked, so no other publish can take the same number meanwhile.
  const [latest] = await ctx.tx
    .select({ version: max(workflowVersions.version) })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflow.id), not(workflowVersions.isTest)));
  const [version] = await ctx.tx
    .insert(workflowVersions)
    .values({
      workspaceId: ctx.workspace.id,
      workflowId: workflow.id,
      version: (latest?.version ?? 0) + 1,
      graph,
      triggerType,
      goal,
      publishedBy: actorUserId(ctx.actor),
    })
    .returning({ id: workflowVersions.id, version: workflowVersions.version });
  await ctx.tx
    .update(workflows)
    .set({ liveVersionId: version!.id, status: "live", lastPublishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(workflows.id, workflow.id));
  await audit(ctx, { action: "workflow.published", target: { type: "workflow", id: workflow.id }, data: { version: version!.version } });
  if (evaluatesOnGoingLive(triggerType)) await queueAudienceEvaluation(ctx.tx, workflow.id, version!.id);
  return { versionId: version!.id, version: version!.version };
}

/** Stops new contacts from entering; runs already in flight finish on their version. */
export async function pauseWorkflow(ctx: ServiceContext, input: WorkflowRefInput): Promise<{ status: "paused" }> {
  const workflow = await lockWorkflow(ctx, input.workflowId);
  if (workflow.status === "draft") throw new SafeError("workflow_not_live", "This workflow isn't live yet: there is nothing to pause.");
  if (workflow.status === "live") {
    await ctx.tx.update(workflows).set({ status: "paused", updatedAt: sql`now()` }).where(eq(workflows.id, workflow.id));
    await audit(ctx, { action: "workflow.paused", target: { type: "workflow", id: workflow.id } });
  }
  return { status: "paused" };
}

/** Lets contacts enter the live version again (and looks for audience matches right away). */
export async function resumeWorkflow(ctx: ServiceContext, input: WorkflowRefInput): Promise<{ status: "live" }> {
  const workflow = await lockWorkflow(ctx, input.workflowId);
  if (!workflow.liveVersionId) throw new SafeError("workflow_not_live", "Publish this workflow before resuming it.");
  if (workflow.status === "paused") {
    await ctx.tx.update(workflows).set({ status: "live", updatedAt: sql`now()` }).where(eq(workflows.id, workflow.id));
    await audit(ctx, { action: "workflow.resumed", target: { type: "workflow", id: workflow.id } });
    const [live] = await ctx.tx.select({ triggerType: workflowVersions.triggerType }).from(workflowVersions).where(eq(workflowVersions.id, workflow.liveVersionId));
    if (evaluatesOnGoingLive(live?.triggerType ?? null)) await queueAudienceEvaluation(ctx.tx, workflow.id, workflow.liveVersionId);
  }
  return { status: "live" };
}

/** Copies a published version's graph into the draft (the live version is untouched until published). */
export async function restoreVersion(ctx: ServiceContext, input: RestoreVersionInput): Promise<{ revision: number }> {
  const workflow = await lockWorkflow(ctx, input.workflowId);
  if (input.expectedRevision !== undefined && input.expectedRevision !== workflow.draftRevision) throw draftConflict(workflow.draftRevision);
  const [version] = await ctx.tx
    .select({ graph: workflowVersions.graph, version: workflowVersions.version })
    .from(workflowVersions)
    .where(
      and(
        eq(workflowVersions.id, input.versionId),
        eq(workflowVersions.workflowId, workflow.id),
        eq(workflowVersions.workspaceId, ctx.workspace.id),
        not(workflowVersions.isTest),
      ),
    );
  if (!version) throw notFound("That version");
  await ctx.tx
    .update(workflows)
    .set({ draftGraph: version.graph, draftRevision: workflow.draftRevision + 1, updatedAt: sql`now()` })
    .where(eq(workflows.id, workflow.id));
  await audit(ctx, { action: "workflow.version_restored", target: { type: "workflow", id: workflow.id }, data: { version: version.version } });
  return { revision: workflow.draftRevision + 1 };
}
