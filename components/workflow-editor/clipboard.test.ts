import { describe, expect, it } from "vitest";
import { copySelection, parseClipboard, PASTE_OFFSET, pasteContent, serializeClipboard } from "./clipboard";
import type { FlowEdge, FlowNode } from "./flow-types";

const nodes: FlowNode[] = [
  { id: "a", type: "manual", position: { x: 0, y: 0 }, data: { config: {} }, selected: true },
  { id: "b", type: "wait", position: { x: 0, y: 100 }, data: { config: { duration: { amount: 1, unit: "days" } } }, selected: true },
  { id: "c", type: "close_conversation", position: { x: 0, y: 200 }, data: { config: {} } },
];
const edges: FlowEdge[] = [
  { id: "ab", source: "a", target: "b" },
  { id: "bc", source: "b", target: "c" },
];

describe("copy and paste", () => {
  it("copies the selected nodes and only the connections between them", () => {
    const content = copySelection(nodes, edges)!;
    expect(content.nodes.map((node) => node.id)).toEqual(["a", "b"]);
    expect(content.edges.map((edge) => edge.id)).toEqual(["ab"]);
  });

  it("returns null with nothing selected", () => {
    expect(copySelection(nodes.map((node) => ({ ...node, selected: false })), edges)).toBeNull();
  });

  it("pastes fresh ids, rewired edges, offset positions and deep-copied config", () => {
    const content = copySelection(nodes, edges)!;
    let counter = 0;
    const pasted = pasteContent(content, (prefix) => `${prefix}-${++counter}`, 2);
    expect(pasted.nodes.map((node) => node.id)).toEqual(["manual-1", "wait-2"]);
    expect(pasted.edges).toMatchObject([{ id: "edge-3", source: "manual-1", target: "wait-2" }]);
    expect(pasted.nodes[1]!.position).toEqual({ x: 2 * PASTE_OFFSET, y: 100 + 2 * PASTE_OFFSET });
    expect(pasted.nodes.every((node) => node.selected)).toBe(true);
    (pasted.nodes[1]!.data.config.duration as { amount: number }).amount = 9;
    expect((nodes[1]!.data.config.duration as { amount: number }).amount).toBe(1);
  });

  it("round-trips through the system clipboard as JSON, and ignores other text", () => {
    const content = copySelection(nodes, edges)!;
    const back = parseClipboard(serializeClipboard(content));
    expect(back?.nodes.map((node) => [node.id, node.type, node.data.config])).toEqual([
      ["a", "manual", {}],
      ["b", "wait", { duration: { amount: 1, unit: "days" } }],
    ]);
    expect(back?.edges.map((edge) => [edge.source, edge.target])).toEqual([["a", "b"]]);
    expect(parseClipboard("hello")).toBeNull();
    expect(parseClipboard('{"format":"parley/workflow-steps","nodes":[{"id":"x","type":"teleport"}],"edges":[]}')).toBeNull();
  });
});
