import { z } from "zod";
import type { GraphIssue } from "./graph-issue";
import { fieldEntries, type NodeDefinition } from "./node-definition";
import { definitionOf, isNodeType, type NodeConfig, type NodeDefinitions, type NodeType } from "./node-types";
import { nodeDefinitions } from "./registry";

export const MAX_GRAPH_NODES = 1_000;
export const MAX_GRAPH_EDGES = 3_000;

const idSchema = z.string().trim().min(1).max(100);
const coordinate = z.number().finite().min(-1e7).max(1e7);

export const positionSchema = z.object({ x: coordinate, y: coordinate });

function nodeSchema(definition: NodeDefinition) {
  return z.object({
    id: idSchema,
    type: z.literal(definition.type),
    position: positionSchema.default({ x: 0, y: 0 }),
    // A node dropped from the palette may arrive without config: it gets the definition's defaults.
    config: definition.configSchema.prefault({}),
  });
}

export type GraphNodeOf<T extends NodeType> = { id: string; type: T; position: { x: number; y: number }; config: NodeConfig<T> };
/** A node as stored: one member per registered node type, keyed on `type`. */
export type GraphNode = { [T in NodeType]: GraphNodeOf<T> }[NodeType];
type GraphNodeInput = {
  [T in NodeType]: { id: string; type: T; position?: { x: number; y: number }; config?: z.input<NodeDefinitions[T]["configSchema"]> };
}[NodeType];

/**
 * Node data is a discriminated union keyed on `type`, one member per registry entry (so an unknown
 * type is refused); React Flow's extra keys are dropped. Its static type is spelled out above
 * because a union built from a map's values has no tuple type for zod to infer from.
 */
export const graphNodeSchema = z.discriminatedUnion(
  "type",
  Object.values(nodeDefinitions).map((definition) => nodeSchema(definition as NodeDefinition)) as unknown as [ReturnType<typeof nodeSchema>],
) as unknown as z.ZodType<GraphNode, GraphNodeInput>;

export const graphEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  // React Flow sends null for a node's only, unnamed handle.
  sourceHandle: z.string().max(100).nullish().transform((value) => value ?? null),
  target: idSchema,
  targetHandle: z.string().max(100).nullish().transform((value) => value ?? null),
});

export const workflowGraphSchema = z.object({
  nodes: z.array(graphNodeSchema).max(MAX_GRAPH_NODES, `A workflow can have at most ${MAX_GRAPH_NODES} steps.`),
  edges: z.array(graphEdgeSchema).max(MAX_GRAPH_EDGES, `A workflow can have at most ${MAX_GRAPH_EDGES} connections.`),
  viewport: z.object({ x: coordinate, y: coordinate, zoom: z.number().finite().min(0.01).max(100) }).optional(),
});

export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type WorkflowGraph = z.infer<typeof workflowGraphSchema>;
export type WorkflowGraphInput = z.input<typeof workflowGraphSchema>;

export function emptyGraph(): WorkflowGraph {
  return { nodes: [], edges: [] };
}

function rawNodeAt(raw: unknown, index: unknown): { id: string | null; type: unknown } {
  const nodes = (raw as { nodes?: unknown })?.nodes;
  if (!Array.isArray(nodes) || typeof index !== "number") return { id: null, type: undefined };
  const node = nodes[index] as { id?: unknown; type?: unknown } | undefined;
  return { id: typeof node?.id === "string" ? node.id : null, type: node?.type };
}

function fieldLabel(type: unknown, field: string): string | undefined {
  if (!isNodeType(type)) return undefined;
  return fieldEntries(definitionOf(type)).find(([name]) => name === field)?.[1].label;
}

/** Turns zod's issues into per-node messages the canvas can pin on the offending step. */
function toGraphIssues(raw: unknown, error: z.ZodError): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const issue of error.issues) {
    const [section, index, key, ...rest] = issue.path;
    if (section === "nodes" && typeof index === "number") {
      const node = rawNodeAt(raw, index);
      if (key === "type" || (key === undefined && issue.code === "invalid_union")) {
        const type = node.type;
        issues.push({
          nodeId: node.id,
          message: typeof type === "string" ? `“${type}” is not a kind of step Parley knows.` : "This step has no type.",
        });
        continue;
      }
      if (key === "config" && rest.length > 0) {
        const field = rest.map(String).join(".");
        const label = fieldLabel(node.type, String(rest[0])) ?? field;
        issues.push({ nodeId: node.id, field, message: `${label}: ${issue.message}` });
        continue;
      }
      issues.push({ nodeId: node.id, field: key === undefined ? undefined : String(key), message: `This step is malformed (${issue.message}).` });
      continue;
    }
    if (section === "edges") {
      issues.push({ nodeId: null, message: `A connection is malformed (${issue.message}).` });
      continue;
    }
    issues.push({ nodeId: null, message: issue.path.length ? `The workflow is malformed at ${issue.path.join(".")}: ${issue.message}` : issue.message });
  }
  return issues;
}

export type ParseGraphResult = { ok: true; graph: WorkflowGraph } | { ok: false; issues: GraphIssue[] };

export function parseWorkflowGraph(raw: unknown): ParseGraphResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ nodeId: null, message: "The workflow graph is malformed: expected nodes and edges." }] };
  }
  const parsed = workflowGraphSchema.safeParse(raw);
  return parsed.success ? { ok: true, graph: parsed.data } : { ok: false, issues: toGraphIssues(raw, parsed.error) };
}
