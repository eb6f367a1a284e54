import { describe, expect, it } from "vitest";
import type { FlowEdge, FlowNode } from "./flow-types";
import { initialViewNodes, LARGE_WORKFLOW } from "./initial-view";

function chain(count: number): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = Array.from({ length: count }, (_, index) => ({
    id: `n${index}`,
    type: index === 3 ? "manual" : "wait",
    position: { x: 0, y: index * 100 },
    data: { config: {} },
  }));
  // The trigger is n3 (not first in the array); the chain runs n3 → n4 → … .
  const edges: FlowEdge[] = nodes.slice(4).map((node, index) => ({ id: `e${index}`, source: `n${index + 3}`, target: node.id }));
  return { nodes, edges };
}

describe("initial view", () => {
  it("shows a small workflow whole", () => {
    const { nodes, edges } = chain(LARGE_WORKFLOW);
    expect(initialViewNodes(nodes, edges)).toBeUndefined();
  });

  it("opens a large workflow on its trigger and the first steps after it", () => {
    const { nodes, edges } = chain(500);
    const ids = initialViewNodes(nodes, edges)!.map((node) => node.id);
    expect(ids[0]).toBe("n3");
    expect(ids).toEqual(["n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12", "n13", "n14"]);
  });
});
