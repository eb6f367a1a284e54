import { SafeError } from "@/lib/errors";
import type { GraphIssue } from "@/lib/workflow/graph-issue";
import { parseWorkflowGraph, type WorkflowGraph } from "@/lib/workflow/graph-schema";

export function invalidGraph(message: string, issues: GraphIssue[]): SafeError {
  return new SafeError("invalid_graph", message, { issues });
}

/** A graph from the client, parsed, or a SafeError carrying per-node issues. */
export function parseGraphOrThrow(raw: unknown, message = "This workflow can't be saved: some steps are malformed."): WorkflowGraph {
  const parsed = parseWorkflowGraph(raw);
  if (!parsed.ok) throw invalidGraph(message, parsed.issues);
  return parsed.graph;
}

export function draftConflict(currentRevision: number): SafeError {
  return new SafeError(
    "draft_conflict",
    "This workflow was changed in another tab or by someone else since you opened it. Reload to see the latest version.",
    { currentRevision },
  );
}
