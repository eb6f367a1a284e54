import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { uuidArray } from "../../db/sql-params";
import { notFound, SafeError } from "../../errors";
import { runManualInput, type RunManualInput } from "../../actions/workflows.validation";
import { startRuns } from "../engine/start-runs";
import { compileVersionGraph } from "../engine/version-graphs";
import { nodeDefinitions } from "../registry";
import { audit } from "./audit";
import { triggerTypeOf, validDraftGraph } from "./publish";

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
export async function runManual(workspaceId: string, userId: string | null, raw: Omit<RunManualInput, "workspaceId">, db: DbOrTx = getDb()): Promise<RunManualResult> {
  const input = runManualInput.omit({ workspaceId: true }).parse(raw);
  const contactIds = [...new Set(input.contactIds)];
  return db.transaction(async (tx) => {
    const workflows = await tx.execute<{ id: string; status: string; live_version_id: string | null; draft_graph: unknown }>(sql`
      SELECT id, status, live_version_id, draft_graph FROM workflows
      WHERE id = ${input.workflowId}::uuid AND workspace_id = ${workspaceId} FOR SHARE`);
    const workflow = workflows.rows[0];
    if (!workflow) throw notFound("That workflow");

    const found = await tx.execute<{ id: string }>(sql`
      SELECT id FROM contacts WHERE workspace_id = ${workspaceId} AND id = ANY(${uuidArray(contactIds)})`);
    if (found.rows.length !== contactIds.length) {
      throw notFound(contactIds.length === 1 ? "That contact" : `${contactIds.length - found.rows.length} of those contacts`);
    }

    let versionId: string;
    let graphRaw: unknown;
    if (input.test) {
      const graph = await validDraftGraph(tx, workspaceId, workflow.draft_graph, "Fix the highlighted steps before running a test.");
      const snapshot = await tx.execute<{ id: string }>(sql`
        INSERT INTO workflow_versions (workspace_id, workflow_id, version, graph, trigger_type, published_by, is_test)
        VALUES (${workspaceId}, ${workflow.id}, 0, ${JSON.stringify(graph)}::jsonb, ${triggerTypeOf(graph)}, ${userId}, true)
        RETURNING id`);
      versionId = snapshot.rows[0]!.id;
      graphRaw = graph;
    } else {
      if (workflow.status === "paused") {
        throw new SafeError("workflow_paused", "This workflow is paused. Resume it before running it on contacts.");
      }
      if (workflow.status !== "live" || !workflow.live_version_id) {
        throw new SafeError("workflow_not_live", "This workflow isn't published yet. Publish it, or run a test of the draft.");
      }
      versionId = workflow.live_version_id;
      const version = await tx.execute<{ graph: unknown }>(sql`SELECT graph FROM workflow_versions WHERE id = ${versionId}`);
      graphRaw = version.rows[0]!.graph;
    }

    const trigger = compileVersionGraph(versionId, graphRaw).graph.nodes.find((node) => nodeDefinitions[node.type].category === "trigger");
    if (!trigger) throw new SafeError("invalid_graph", "This workflow has no trigger.");
    const key = input.test ? `test:${randomUUID()}` : `manual:${input.requestId ?? randomUUID()}`;
    const runIds = await startRuns(
      tx,
      { workspaceId, workflowId: workflow.id, versionId, triggerNodeId: trigger.id, isTest: input.test },
      contactIds.map((contactId) => ({ contactId, triggerKey: key, context: {} })),
    );
    if (userId) {
      await audit(tx, { workspaceId, actorUserId: userId, action: input.test ? "workflow.test_run" : "workflow.manual_run", targetId: workflow.id, data: { contacts: contactIds.length } });
    }
    return { runIds, versionId, test: input.test };
  });
}
