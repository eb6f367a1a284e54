import { describe, expect, it } from "vitest";
import { parseWorkflowGraph } from "./graph-schema";
import { edge, node } from "./testing/graph-fixtures";

describe("parseWorkflowGraph", () => {
  it("fills in defaults for a node dropped without config", () => {
    const result = parseWorkflowGraph({ nodes: [{ id: "a", type: "wait", position: { x: 1, y: 2 } }], edges: [] });
    expect(result.ok && result.graph.nodes[0]).toMatchObject({ type: "wait", config: { duration: { amount: 1, unit: "days" } } });
  });

  it("drops React Flow's own keys and keeps a null handle as null", () => {
    const result = parseWorkflowGraph({
      nodes: [{ ...node("a", "manual"), selected: true, measured: { width: 10 } }, node("b", "close_conversation")],
      edges: [{ ...edge("a", "b"), animated: true, sourceHandle: undefined }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.nodes[0]).not.toHaveProperty("selected");
    expect(result.graph.edges[0]!.sourceHandle).toBeNull();
  });

  it("names an unknown node type on that node", () => {
    const result = parseWorkflowGraph({ nodes: [node("x", "send_fax" as never)], edges: [] });
    expect(result).toEqual({ ok: false, issues: [{ nodeId: "x", message: "“send_fax” is not a kind of step Parley knows." }] });
  });

  it("pins a config that fails its schema on the node and field, with the field's label", () => {
    const result = parseWorkflowGraph({ nodes: [node("s", "start_conversation", { openMode: "sometimes" })], edges: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ nodeId: "s", field: "openMode" });
    expect(result.issues[0]!.message).toMatch(/^Open a conversation: /);
  });

  it("refuses unknown config keys rather than silently dropping them", () => {
    const result = parseWorkflowGraph({ nodes: [node("w", "wait", { duraton: { amount: 1, unit: "days" } })], edges: [] });
    expect(result.ok).toBe(false);
  });

  it("refuses a rich-text message that is not a valid document", () => {
    const result = parseWorkflowGraph({ nodes: [node("n", "add_note", { message: { type: "doc", content: [{ type: "script" }] } })], edges: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ nodeId: "n", field: expect.stringMatching(/^message/) });
  });

  it("refuses what is not a graph, and graphs over the size limit", () => {
    expect(parseWorkflowGraph("nodes").ok).toBe(false);
    expect(parseWorkflowGraph(null).ok).toBe(false);
    const nodes = Array.from({ length: 1_001 }, (_, i) => node(`n${i}`, "close_conversation"));
    const result = parseWorkflowGraph({ nodes, edges: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/at most 1000 steps/);
  });
});
