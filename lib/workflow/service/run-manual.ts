import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { contacts } from "@/lib/db/schema/contacts";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { uuidArray } from "@/lib/db/sql-params";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { startRuns } from "@/lib/workflow/engine/start-runs";
import { compileVersionGraph } from "@/lib/workflow/engine/version-graphs";
import { findTrigger } from "@/lib/workflow/node-types";
import { triggerTypeOf, validDraftGraph } from "./publish";
import type { RunManualInput } from "./run-manual.validation";

export type RunManualResult = { runIds: string[]; versionId: string; test: boolean };

/**
 * Runs a workflow on chosen contacts, from the builder or the public API.
 *
 * - Live run: the live version, whatever its trigger; refused on a paused or unpublished
 *   workflow. Each request is its own entry (trigger key "manual:<requestId>"), so a retried API
 *   call with the same requestId enters nobody twice.
 * - Test run (test: true): the current draft, which must be valid, frozen into an unlisted
 *   snapshot (workflow_versions.is_test, version 0) so the run still points at an immutable graph.
 *   Nothing is published; runs are marked is_test and left out of the canvas counts.
 *
 * Every contact must belong to the workspace; otherwise nothing is started.
 */
export async function runManual(ctx: ServiceContext, input: RunManualInput): Promise<RunManualResult> {
  const contactIds = [...new Set(input.contactIds)];
  const [workflow] = await ctx.tx
    .select({ id: workflows.id, status: workflows.status, liveVersionId: workflows.liveVersionId, draftGraph: workflows.draftGraph })
    .from(workflows)
    .where(and(eq(workflows.id, input.workflowId), eq(workflows.workspaceId, ctx.workspace.id)))
    .for("share");
  if (!workflow) throw notFound("That workflow");

  const found = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    // One array parameter, whatever the number of contacts.
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), sql`${contacts.id} = ANY(${uuidArray(contactIds)})`));
  if (found.length !== contactIds.length) {
    throw notFound(contactIds.length === 1 ? "That contact" : `${contactIds.length - found.length} of those contacts`);
  }

  let versionId: string;
  let graphRaw: unknown;
  if (input.test) {
    const graph = await validDraftGraph(ctx, workflow.draftGraph, "Fix the highlighted steps before running a test.");
    const [snapshot] = await ctx.tx
      .insert(workflowVersions)
      .values({
        workspaceId: ctx.workspace.id,
        workflowId: workflow.id,
        version: 0,
        graph,
        triggerType: triggerTypeOf(graph),
        publishedBy: actorUserId(ctx.actor),
        isTest: true,
      })
      .returning({ id: workflowVersions.id });
    versionId = snapshot!.id;
    graphRaw = graph;
  } else {
    if (workflow.status === "paused") {
      throw new SafeError("workflow_paused", "This workflow is paused. Resume it before running it on contacts.");
    }
    if (workflow.status !== "live" || !workflow.liveVersionId) {
      throw new SafeError("workflow_not_live", "This workflow isn't published yet. Publish it, or run a test of the draft.");
    }
    versionId = workflow.liveVersionId;
    const [version] = await ctx.tx.select({ graph: workflowVersions.graph }).from(workflowVersions).where(eq(workflowVersions.id, versionId));
    graphRaw = version!.graph;
  }

  const trigger = findTrigger(compileVersionGraph(versionId, graphRaw).graph);
  if (!trigger) throw new SafeError("invalid_graph", "This workflow has no trigger.");
  const key = input.test ? `test:${randomUUID()}` : `manual:${input.requestId ?? randomUUID()}`;
  const runIds = await startRuns(
    ctx.tx,
    { workspaceId: ctx.workspace.id, workflowId: workflow.id, versionId, triggerNodeId: trigger.id, isTest: input.test },
    contactIds.map((contactId) => ({ contactId, triggerKey: key, context: {} })),
  );
  await audit(ctx, { action: input.test ? "workflow.test_run" : "workflow.manual_run", target: { type: "workflow", id: workflow.id }, data: { contacts: contactIds.length } });
  return { runIds, versionId, test: input.test };
}
