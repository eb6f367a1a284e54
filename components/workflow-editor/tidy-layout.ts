import { Graph, layout } from "@dagrejs/dagre";
import type { FlowEdge, FlowNode } from "./flow-types";

export const DEFAULT_NODE_SIZE = { width: 272, height: 96 };

/**
 * Top-to-bottom layered layout (dagre). Returns new positions by node id; nodes whose position is
 * unchanged are left out so the caller can keep their objects.
 */
export function tidyPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Map<string, { x: number; y: number }> {
  const graph = new Graph<object, { width: number; height: number; x: number; y: number }, object>();
  graph.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    const width = node.measured?.width ?? node.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured?.height ?? node.height ?? DEFAULT_NODE_SIZE.height;
    graph.setNode(node.id, { width, height, x: 0, y: 0 });
  }
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  layout(graph);

  // Keep the laid-out graph where the old one was, so tidying doesn't send it off screen.
  const first = nodes[0];
  const anchor = first ? graph.node(first.id) : undefined;
  const offsetX = first && anchor ? first.position.x - (anchor.x - anchor.width / 2) : 0;
  const offsetY = first && anchor ? first.position.y - (anchor.y - anchor.height / 2) : 0;

  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = graph.node(node.id);
    const x = Math.round(laid.x - laid.width / 2 + offsetX);
    const y = Math.round(laid.y - laid.height / 2 + offsetY);
    if (x !== node.position.x || y !== node.position.y) positions.set(node.id, { x, y });
  }
  return positions;
}
