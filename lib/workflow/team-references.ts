import { assigneeSchema } from "./assignee";
import { fieldEntries } from "./node-definition";
import { definitionOf, isNodeType } from "./node-types";

/**
 * Whether a stored graph sends conversations to this team: some node has an assignee field (the
 * Assign step, Start a Conversation's Assignee, or any later node declaring that control) naming
 * it. Read from the definitions' fields, so no node type is named here.
 */
export function graphAssignsToTeam(graph: unknown, teamId: string): boolean {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return false;
  return nodes.some((node: { type?: unknown; config?: Record<string, unknown> }) => {
    if (!isNodeType(node?.type) || !node.config) return false;
    return fieldEntries(definitionOf(node.type)).some(([name, meta]) => {
      if (meta.control !== "assignee") return false;
      const assignee = assigneeSchema.safeParse(node.config![name]);
      return assignee.success && (assignee.data.type === "team" || assignee.data.type === "round_robin") && assignee.data.teamId === teamId;
    });
  });
}
