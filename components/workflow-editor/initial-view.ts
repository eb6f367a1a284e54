import { findTrigger } from "@/lib/workflow/node-types";
import type { FlowEdge, FlowNode } from "./flow-types";

/** Above this many steps the editor opens on the trigger's neighbourhood instead of the whole graph. */
export const LARGE_WORKFLOW = 150;
const NEIGHBOURHOOD = 12;

/**
 * Which nodes the first view frames. A small workflow is shown whole. A large one opens on its
 * trigger and the first steps after it at a readable zoom: the whole of a 500-step graph would be
 * too small to read, and with only visible nodes rendered, the editor is ready much sooner.
 */
export function initialViewNodes(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): { id: string }[] | undefined {
  if (nodes.length <= LARGE_WORKFLOW) return undefined;
  const start = findTrigger({ nodes }) ?? nodes[0];
  if (!start) return undefined;
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>([start.id]);
  const queue = [start.id];
  while (queue.length > 0 && seen.size < NEIGHBOURHOOD) {
    for (const target of next.get(queue.shift()!) ?? []) {
      if (seen.size >= NEIGHBOURHOOD) break;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].map((id) => ({ id }));
}
