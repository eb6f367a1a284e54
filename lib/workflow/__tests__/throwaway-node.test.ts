import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type * as Registry from "@/lib/workflow/registry";

// The one registry line a new node type needs, added for this file only: nothing else changes.
vi.mock("@/lib/workflow/registry", async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { tagContactDefinition } = await import("@/lib/workflow/testing/throwaway-node/definition");
  return { nodeDefinitions: { ...real.nodeDefinitions, [tagContactDefinition.type]: tagContactDefinition } };
});

const { getDb } = await import("@/lib/db/client");
const { contacts } = await import("@/lib/db/schema/contacts");
const { useTestDatabase } = await import("@/lib/testing/test-database");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { parseWorkflowGraph } = await import("@/lib/workflow/graph-schema");
const { NODE_TYPES, ACTION_TYPES } = await import("@/lib/workflow/node-types");
const { runManual } = await import("@/lib/workflow/service/run-manual");
const { edge, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph, runById, stepsOf } = await import("@/lib/workflow/testing/scenario");
const { useWorkspaceWithWorker } = await import("@/lib/workflow/testing/workspace-with-worker");
const { createContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { validateGraphStructure } = await import("@/lib/workflow/validate-graph");
const { validateGraphInWorkspace } = await import("@/lib/workflow/validate-graph-in-workspace");

const TAG = "throwaway_tag_contact";
const graphWith = (config: Record<string, unknown>) => ({ nodes: [node("t", "manual"), node("tag", TAG as never, config)], edges: [edge("t", "tag")] });

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);

describe("a node type added by one folder and one registry line", () => {
  it("is a node type, an action, known to the graph schema", () => {
    expect(NODE_TYPES).toContain(TAG);
    expect(ACTION_TYPES).toContain(TAG);
    const parsed = parseWorkflowGraph(graphWith({}));
    expect(parsed.ok && parsed.graph.nodes[1]).toMatchObject({ type: TAG, config: { tag: "" } });
    expect(parseWorkflowGraph(graphWith({ colour: "red" })).ok).toBe(false);
  });

  it("is validated by its own rule: a graph with it validates, a bad config is refused on its field", () => {
    const good = parseWorkflowGraph(graphWith({ tag: "vip" }));
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    expect(validateGraphStructure(good.graph)).toEqual([]);
    const context = { plan: "free" as const, memberUserIds: new Set<string>(), teamIds: new Set<string>(), roundRobinTeamIds: new Set<string>(), channels: new Map(), customAttributeKeys: [] };
    expect(validateGraphInWorkspace(good.graph, context)).toEqual([]);

    const bad = parseWorkflowGraph(graphWith({ tag: "two words" }));
    if (!bad.ok) throw new Error(JSON.stringify(bad.issues));
    expect(validateGraphStructure(bad.graph)).toEqual([{ nodeId: "tag", field: "tag", message: "Write one tag, without spaces." }]);
  });

  it("refuses to publish a bad config, and runs its executor on a real run through the worker", async () => {
    const builder = await asMember(ws.workspaceId, ws.builderId);
    const refused = await publishGraph(ws.workspaceId, ws.builderId, graphWith({ tag: "" })).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_graph", details: { issues: [{ nodeId: "tag", field: "tag" }] } });

    const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Tina", tags: ["existing"] }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, graphWith({ tag: "vip" }));
    const { runIds } = await runService(builder, runManual, { workflowId, contactIds: [contactId!], test: false });
    const run = await waitFor(async () => {
      const current = await runById(runIds[0]!);
      return current.status !== "running" && current;
    }, { what: "the run to finish" });
    expect(run).toMatchObject({ status: "completed", error: null });
    expect(await stepsOf(run.id)).toEqual([{ node_id: "tag", status: "ok", outcome: "out", error: null }]);
    const [contact] = await getDb().select({ tags: contacts.tags }).from(contacts).where(eq(contacts.id, contactId!));
    expect(contact!.tags).toEqual(["existing", "vip"]);
  });
});
