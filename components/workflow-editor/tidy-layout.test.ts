import { describe, expect, it } from "vitest";
import type { FlowEdge, FlowNode } from "./flow-types";
import { DEFAULT_NODE_SIZE, tidyPositions } from "./tidy-layout";

function node(id: string, x: number, y: number): FlowNode {
  return { id, type: "wait", position: { x, y }, data: { config: {} } };
}

describe("tidy up", () => {
  it("lays a chain out top to bottom without overlaps, anchored on the first node", () => {
    const nodes = [node("a", 500, 500), node("b", 0, 0), node("c", 900, 40)];
    const edges: FlowEdge[] = [
      { id: "1", source: "a", target: "b" },
      { id: "2", source: "b", target: "c" },
    ];
    const positions = tidyPositions(nodes, edges);
    const at = (id: string) => positions.get(id) ?? nodes.find((n) => n.id === id)!.position;
    expect(at("a")).toEqual({ x: 500, y: 500 });
    expect(at("b").y).toBeGreaterThanOrEqual(at("a").y + DEFAULT_NODE_SIZE.height);
    expect(at("c").y).toBeGreaterThanOrEqual(at("b").y + DEFAULT_NODE_SIZE.height);
    expect(at("b").x).toBe(at("a").x);
  });

  it("puts a branch's two targets side by side", () => {
    const nodes = [node("branch", 0, 0), node("left", 0, 0), node("right", 0, 0)];
    const edges: FlowEdge[] = [
      { id: "1", source: "branch", target: "left", sourceHandle: "started" },
      { id: "2", source: "branch", target: "right", sourceHandle: "not_started" },
    ];
    const positions = tidyPositions(nodes, edges);
    const left = positions.get("left")!;
    const right = positions.get("right")!;
    expect(left.y).toBe(right.y);
    expect(Math.abs(left.x - right.x)).toBeGreaterThanOrEqual(DEFAULT_NODE_SIZE.width);
  });
});
