import { expandTextPlaceholders } from "@/lib/rich-text/expand-placeholders";
import { isKnownVariable } from "@/lib/rich-text/variables";
import type { GraphIssue } from "./graph-issue";
import type { GraphNode, WorkflowGraph } from "./graph-schema";
import { definitionOf } from "./node-types";
import { collectNodeVariables, validateGraphStructure } from "./validate-graph";
import type { ValidationContext } from "./validation-context";

function checkVariables(node: GraphNode, context: ValidationContext, issues: GraphIssue[]): void {
  const fields = collectNodeVariables(node);
  for (const { field, references } of fields) {
    for (const name of new Set(references.map((reference) => reference.name))) {
      if (!isKnownVariable(name, context.customAttributeKeys)) {
        issues.push({
          nodeId: node.id,
          field,
          message: `{{${name}}} is neither a built-in variable nor an attribute any contact in this workspace has.`,
        });
      }
    }
  }
  for (const { field, document, richText } of fields) {
    if (!richText) continue;
    for (const problem of expandTextPlaceholders(document).problems) {
      issues.push({ nodeId: node.id, field, message: `“${problem.raw}” is not a valid variable: fix or remove it.` });
    }
  }
}

/**
 * The full check publish runs: the graph's own rules plus, for every node, its variables against
 * the workspace's attributes and its definition's validateInWorkspace (members, channels, plan).
 */
export function validateGraphInWorkspace(graph: WorkflowGraph, context: ValidationContext): GraphIssue[] {
  const issues = validateGraphStructure(graph);
  for (const node of graph.nodes) {
    checkVariables(node, context, issues);
    for (const issue of definitionOf(node.type).validateInWorkspace?.(node.config, context) ?? []) issues.push({ nodeId: node.id, ...issue });
  }
  return issues;
}
