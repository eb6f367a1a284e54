import type { NodeDefinition, SummaryNames } from "@/lib/workflow/node-definition";
import type { NodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";

const defaultsByType = new Map<NodeType, Record<string, unknown>>();

function defaults(type: NodeType): Record<string, unknown> {
  let value = defaultsByType.get(type);
  if (!value) {
    value = nodeDefinitions[type].defaultConfig() as Record<string, unknown>;
    defaultsByType.set(type, value);
  }
  return value;
}

/**
 * The one-line summary on a node. It runs for every node on screen, so it skips a full zod parse
 * (rich text documents are costly to check) and fills missing fields from the defaults instead;
 * a config too broken to describe says so rather than breaking the canvas.
 */
export function summarizeNode(type: NodeType, config: Record<string, unknown>, names?: SummaryNames): string {
  const summarize = nodeDefinitions[type].summarize as NodeDefinition["summarize"];
  try {
    return summarize({ ...defaults(type), ...config }, names);
  } catch {
    return "Needs setting up";
  }
}
