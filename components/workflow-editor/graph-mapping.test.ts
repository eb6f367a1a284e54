import { describe, expect, it } from "vitest";
import { parseWorkflowGraph } from "@/lib/workflow/graph-schema";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { flowToGraph, graphToFlow, portLabel } from "./graph-mapping";

const SENDER = "0a0c0e00-0000-4000-8000-0000000000e1";
const TEAM = "0a0c0e00-0000-4000-8000-0000000000a1";

describe("graph <-> React Flow mapping", () => {
  it("round-trips a parsed graph", () => {
    const parsed = parseWorkflowGraph(reengagementGraph({ senderUserId: SENDER, assignTeamId: TEAM }));
    if (!parsed.ok) throw new Error("fixture should parse");
    const flow = graphToFlow(parsed.graph);
    expect(flow.nodes.map((node) => node.type)).toEqual(["audience_matched", "start_conversation", "branch_conversation_started", "assign"]);
    const back = parseWorkflowGraph(flowToGraph(flow.nodes, flow.edges));
    expect(back).toEqual({ ok: true, graph: parsed.graph });
  });

  it("labels the edges leaving a branch with the output's name, and no others", () => {
    const parsed = parseWorkflowGraph(reengagementGraph({ senderUserId: SENDER }));
    if (!parsed.ok) throw new Error("fixture should parse");
    const { edges } = graphToFlow(parsed.graph);
    expect(edges.find((edge) => edge.source === "branch")?.label).toBe("Started");
    expect(edges.find((edge) => edge.source === "trigger")?.label).toBeUndefined();
    expect(portLabel("branch_conversation_started", "not_started")).toBe("Not started");
  });

  it("drops React Flow's selection, measurements and sub-pixel positions", () => {
    const graph = flowToGraph(
      [
        {
          id: "a",
          type: "manual",
          position: { x: 10.4, y: 20.6 },
          data: { config: {} },
          selected: true,
          measured: { width: 100, height: 50 },
          dragging: false,
        },
      ],
      [{ id: "e", source: "a", target: "b", selected: true, animated: true }],
      { x: 1.2, y: 3.7, zoom: 0.75 },
    );
    expect(graph).toEqual({
      nodes: [{ id: "a", type: "manual", position: { x: 10, y: 21 }, config: {} }],
      edges: [{ id: "e", source: "a", sourceHandle: null, target: "b", targetHandle: null }],
      viewport: { x: 1, y: 4, zoom: 0.75 },
    });
  });

  it("skips node types this build doesn't know instead of crashing the canvas", () => {
    const flow = graphToFlow({
      nodes: [{ id: "x", type: "teleport" as "manual", position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    });
    expect(flow.nodes).toEqual([]);
  });
});
