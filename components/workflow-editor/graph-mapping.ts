import type { Viewport } from "@xyflow/react";
import type { WorkflowGraph, WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import { isNodeType, type NodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import type { FlowEdge, FlowNode } from "./flow-types";

/** The label shown on an edge: only outputs that need telling apart (a branch's two paths) get one. */
export function portLabel(sourceType: NodeType | undefined, sourceHandle: string | null | undefined): string | undefined {
  if (!sourceType) return undefined;
  const outputs = nodeDefinitions[sourceType].outputs;
  if (outputs.length < 2) return undefined;
  return outputs.find((port) => port.id === sourceHandle)?.label;
}

export function toFlowEdge(
  edge: { id: string; source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null },
  sourceType: NodeType | undefined,
): FlowEdge {
  const label = portLabel(sourceType, edge.sourceHandle);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
    type: "smoothstep",
    ...(label ? { label, data: { portLabel: label } } : {}),
  };
}

export function graphToFlow(graph: WorkflowGraph | WorkflowGraphInput): { nodes: FlowNode[]; edges: FlowEdge[]; viewport?: Viewport } {
  const nodes: FlowNode[] = [];
  const types = new Map<string, NodeType>();
  for (const node of graph.nodes) {
    // A type this build doesn't know is dropped here; the server-side parse reports it by name.
    if (!isNodeType(node.type)) continue;
    types.set(node.id, node.type);
    nodes.push({
      id: node.id,
      type: node.type,
      position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
      data: { config: { ...((node.config ?? {}) as Record<string, unknown>) } },
    });
  }
  const edges = graph.edges.map((edge) => toFlowEdge(edge, types.get(edge.source)));
  return graph.viewport ? { nodes, edges, viewport: graph.viewport } : { nodes, edges };
}

// Sub-pixel positions only bloat the stored JSON and make equal graphs compare unequal.
const round = (value: number) => Math.round(value);

/** The graph as the server stores it: React Flow's selection, measurements and styling are dropped. */
export function flowToGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], viewport?: Viewport): WorkflowGraphInput {
  const graph: WorkflowGraphInput = {
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: round(node.position.x), y: round(node.position.y) },
          config: node.data.config,
        }) as WorkflowGraphInput["nodes"][number],
    ),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? null,
      target: edge.target,
      targetHandle: edge.targetHandle ?? null,
    })),
  };
  if (viewport) graph.viewport = { x: round(viewport.x), y: round(viewport.y), zoom: viewport.zoom };
  return graph;
}
