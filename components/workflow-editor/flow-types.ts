import type { Edge, Node } from "@xyflow/react";
import type { NodeType } from "@/lib/workflow/node-types";

/**
 * What React Flow holds per node. The config stays untyped here: the panel and validation parse it
 * with the node definition's zod schema, which is the one source of truth for its shape.
 */
export type FlowNodeData = { config: Record<string, unknown> };
export type FlowNode = Node<FlowNodeData, NodeType>;

/** The output label is kept on the edge so a branch's two paths read "Started" / "Not started". */
export type FlowEdgeData = { portLabel?: string };
export type FlowEdge = Edge<FlowEdgeData>;

export type FlowSnapshot = { nodes: FlowNode[]; edges: FlowEdge[] };
