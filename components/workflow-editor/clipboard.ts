import { z } from "zod";
import { parseWorkflowGraph } from "@/lib/workflow/graph-schema";
import type { FlowEdge, FlowNode } from "./flow-types";
import { flowToGraph, graphToFlow } from "./graph-mapping";

export type ClipboardContent = { nodes: FlowNode[]; edges: FlowEdge[] };

export const PASTE_OFFSET = 40;

/** The selected nodes, and the connections between them (a connection to an unselected node can't be pasted). */
export function copySelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): ClipboardContent | null {
  const selected = nodes.filter((node) => node.selected);
  if (selected.length === 0) return null;
  const ids = new Set(selected.map((node) => node.id));
  return {
    nodes: selected.map((node) => ({
      id: node.id,
      type: node.type,
      position: { ...node.position },
      data: { config: structuredClone(node.data.config) },
    })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ ...edge, selected: false, data: edge.data ? { ...edge.data } : undefined })),
  };
}

/**
 * Fresh copies with new ids, shifted so a paste never lands exactly on the original; pasted nodes
 * come selected so they can be dragged away at once.
 */
export function pasteContent(content: ClipboardContent, newId: (prefix: string) => string, times = 1): ClipboardContent {
  const ids = new Map<string, string>();
  const shift = PASTE_OFFSET * times;
  const nodes = content.nodes.map((node) => {
    const id = newId(node.type);
    ids.set(node.id, id);
    return {
      ...node,
      id,
      position: { x: node.position.x + shift, y: node.position.y + shift },
      data: { config: structuredClone(node.data.config) },
      selected: true,
    } satisfies FlowNode;
  });
  const edges = content.edges.map((edge) => ({
    ...edge,
    id: newId("edge"),
    source: ids.get(edge.source) ?? edge.source,
    target: ids.get(edge.target) ?? edge.target,
    selected: false,
  }));
  return { nodes, edges };
}

/**
 * Steps travel through the system clipboard as JSON, so they can be pasted into another workflow
 * or tab, or kept in a file. The marker tells them apart from any other text on the clipboard.
 */
const CLIPBOARD_MARKER = "parley/workflow-steps";

const clipboardSchema = z.object({ format: z.literal(CLIPBOARD_MARKER), nodes: z.array(z.unknown()), edges: z.array(z.unknown()) });

export function serializeClipboard(content: ClipboardContent): string {
  const graph = flowToGraph(content.nodes, content.edges);
  return JSON.stringify({ format: CLIPBOARD_MARKER, nodes: graph.nodes, edges: graph.edges });
}

/** Clipboard text back into steps; anything that isn't well-formed Parley steps is null (and pasted nowhere). */
export function parseClipboard(text: string): ClipboardContent | null {
  if (!text.includes(CLIPBOARD_MARKER)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const envelope = clipboardSchema.safeParse(raw);
  if (!envelope.success) return null;
  const parsed = parseWorkflowGraph({ nodes: envelope.data.nodes, edges: envelope.data.edges });
  if (!parsed.ok) return null;
  const { nodes, edges } = graphToFlow(parsed.graph);
  return { nodes, edges };
}
