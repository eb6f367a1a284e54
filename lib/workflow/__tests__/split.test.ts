import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { enterAndAdvance } from "@/lib/workflow/engine/advance-runs";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph, stepsOf } from "@/lib/workflow/testing/scenario";
import { createContacts, createManyContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

let ws: WorkspaceFixture;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});

const splitGraph = (shares: number[]) => ({
  nodes: [node("t", "manual"), node("s", "split", { shares }), node("w", "wait", { duration: { amount: 1, unit: "days" } })],
  edges: [edge("t", "s"), edge("s", "w", "path_a")],
});

/** Enters every contact of the workspace, a thousand per transaction as the fan-out does. */
async function enterAll(workflowId: string, versionId: string, contactIds: string[], round: string) {
  for (let i = 0; i < contactIds.length; i += 1_000) {
    await getDb().transaction((tx) =>
      enterAndAdvance(
        tx,
        { workspaceId: ws.workspaceId, plan: "enterprise", workflowId, versionId, triggerNodeId: "t" },
        contactIds.slice(i, i + 1_000).map((contactId) => ({ contactId, triggerKey: `${round}:${contactId}` })),
      ),
    );
  }
}

async function chosenPaths(workflowId: string) {
  const rows = await getDb().execute<{ contact_id: string; trigger_key: string; outcome: string; share: number; current_node_id: string | null; status: string }>(sql`
    SELECT r.contact_id, r.trigger_key, l.outcome, (l.detail ->> 'share')::int AS share, r.current_node_id, r.status
    FROM run_step_log l JOIN workflow_runs r ON r.id = l.run_id
    WHERE r.workflow_id = ${workflowId} AND l.node_id = 's'`);
  return rows.rows;
}

describe("Split", () => {
  it("sends 10,000 contacts down its paths at the set percentages, records each choice, and sends a contact who enters again the same way", async () => {
    await createManyContacts(getDb(), ws.workspaceId, 10_000);
    const contactIds = (await getDb().execute<{ id: string }>(sql`SELECT id FROM contacts WHERE workspace_id = ${ws.workspaceId} ORDER BY id`)).rows.map((row) => row.id);
    expect(contactIds).toHaveLength(10_000);
    const { workflowId, versionId } = await publishGraph(ws.workspaceId, ws.builderId, splitGraph([20, 30, 50]));

    await enterAll(workflowId, versionId, contactIds, "first");
    const first = await chosenPaths(workflowId);
    expect(first).toHaveLength(10_000);
    const counts = { path_a: 0, path_b: 0, path_c: 0 } as Record<string, number>;
    for (const row of first) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
    expect(Object.keys(counts).sort()).toEqual(["path_a", "path_b", "path_c"]);
    // ±2 points: over four standard deviations at 10,000 contacts.
    expect(Math.abs(counts.path_a! - 2_000)).toBeLessThan(200);
    expect(Math.abs(counts.path_b! - 3_000)).toBeLessThan(200);
    expect(Math.abs(counts.path_c! - 5_000)).toBeLessThan(200);
    // The step log holds the chosen output and its share; path A leads on to the Wait, the others end.
    for (const row of first.slice(0, 500)) {
      expect(row.share).toBe({ path_a: 20, path_b: 30, path_c: 50 }[row.outcome]);
      expect([row.status, row.current_node_id]).toEqual(row.outcome === "path_a" ? ["waiting", "w"] : ["completed", "s"]);
    }

    // The same contacts entering again (another trigger key) take the same paths.
    const again = contactIds.slice(0, 1_000);
    await enterAll(workflowId, versionId, again, "second");
    const byContact = new Map(first.map((row) => [row.contact_id, row.outcome]));
    const second = (await chosenPaths(workflowId)).filter((row) => row.trigger_key.startsWith("second:"));
    expect(second).toHaveLength(1_000);
    for (const row of second) expect(row.outcome).toBe(byContact.get(row.contact_id));
  });

  it("keeps each run's log in the order its steps ran: the Split, the conversation it led to, the steps after it, then a second conversation", async () => {
    // The conversation is its Start a Conversation step's record and is written while the batch
    // runs; the other steps are written together at the end of the same transaction.
    const contactIds = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 20 }, (_, i) => ({ firstName: `Order${i}` })));
    const { workflowId, versionId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "manual"),
        node("sp", "split", { shares: [50, 50] }),
        node("s", "start_conversation", { message: message("Hello {{first_name}}"), senderUserId: ws.agentId, openMode: "immediately" }),
        node("b", "branch_conversation_started"),
        node("a", "assign", { assignee: { type: "team", teamId: ws.teamId } }),
        node("s2", "start_conversation", { message: message("Internal: {{first_name}} was greeted"), senderUserId: ws.agentId, startWith: "note", channelId: ws.smsChannelId, customerDestination: "+14155552671" }),
      ],
      edges: [edge("t", "sp"), edge("sp", "s", "path_a"), edge("sp", "s", "path_b"), edge("s", "b"), edge("b", "a", "started"), edge("a", "s2")],
    });
    await enterAll(workflowId, versionId, contactIds, "ordered");
    const runs = await getDb().execute<{ id: string }>(sql`SELECT id FROM workflow_runs WHERE workflow_id = ${workflowId}`);
    expect(runs.rows).toHaveLength(20);
    for (const run of runs.rows) expect((await stepsOf(run.id)).map((step) => step.node_id)).toEqual(["sp", "s", "b", "a", "s2"]);
  });

  it("refuses to publish percentages that do not add up to 100, or a connection from a path it does not have", async () => {
    const builder = await asMember(ws.workspaceId, ws.builderId);
    const publish = async (graph: ReturnType<typeof splitGraph>) => {
      const { workflowId, revision } = await runService(builder, createWorkflow, { name: "Split check" });
      await runService(builder, saveDraft, { workflowId, graph, expectedRevision: revision });
      return runService(builder, publishWorkflow, { workflowId }).then(
        () => null,
        (error: { code?: string; details?: { issues?: { nodeId: string | null; message: string }[] } }) => ({ code: error.code, issues: error.details?.issues }),
      );
    };
    expect(await publish(splitGraph([50, 40]))).toEqual({
      code: "invalid_graph",
      issues: [expect.objectContaining({ nodeId: "s", message: "The paths' percentages add up to 90%; make them add up to 100%." })],
    });
    const fromMissingPath = splitGraph([50, 50]);
    fromMissingPath.edges.push(edge("s", "w", "path_c"));
    expect(await publish(fromMissingPath)).toMatchObject({
      code: "invalid_graph",
      issues: [expect.objectContaining({ nodeId: "s", message: expect.stringContaining("This step has no output named “path_c”") })],
    });
    expect(await publish(splitGraph([25, 25, 25, 25]))).toBeNull();
  });
});
