import type { GraphNode, WorkflowGraph } from "./graph-schema";
import { nodeOutputs, type PortDefinition } from "./node-definition";
import { definitionOf, findTrigger } from "./node-types";

export type ResolvedEdge = { id: string; source: string; port: string; target: string };

/** The output a connection leaves from; React Flow's null handle means a node's only output. */
export function resolveSourcePort(node: GraphNode, sourceHandle: string | null): PortDefinition | undefined {
  const outputs = nodeOutputs(definitionOf(node.type), node.config);
  if (sourceHandle === null) return outputs.length === 1 ? outputs[0] : undefined;
  return outputs.find((port) => port.id === sourceHandle);
}

/**
 * The graph as the engine walks it: nodes by id and, per node and output, the next node.
 * Only well-formed connections are kept (validation reports the rest).
 */
export type Topology = {
  nodes: Map<string, GraphNode>;
  next: Map<string, Map<string, string>>;
  incoming: Map<string, string[]>;
  trigger: GraphNode | undefined;
};

export function buildTopology(graph: WorkflowGraph): Topology {
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const next = new Map<string, Map<string, string>>();
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target || source.id === target.id) continue;
    const port = resolveSourcePort(source, edge.sourceHandle);
    if (!port || definitionOf(target.type).category === "trigger") continue;
    const ports = next.get(source.id) ?? new Map<string, string>();
    if (ports.has(port.id)) continue;
    ports.set(port.id, target.id);
    next.set(source.id, ports);
    incoming.set(target.id, [...(incoming.get(target.id) ?? []), source.id]);
  }
  const trigger = findTrigger(graph);
  return { nodes, next, incoming, trigger };
}

/** Nodes in an order where every node comes after all of its predecessors, or null on a cycle. */
export function topologicalOrder(topology: Topology): string[] | null {
  const indegree = new Map<string, number>();
  for (const id of topology.nodes.keys()) indegree.set(id, topology.incoming.get(id)?.length ?? 0);
  const queue = [...indegree].filter(([, degree]) => degree === 0).map(([id]) => id);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const target of topology.next.get(id)?.values() ?? []) {
      const degree = indegree.get(target)! - 1;
      indegree.set(target, degree);
      if (degree === 0) queue.push(target);
    }
  }
  return order.length === topology.nodes.size ? order : null;
}
