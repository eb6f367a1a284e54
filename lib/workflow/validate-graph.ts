import { textToDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import type { VariableReference } from "@/lib/rich-text/variable-syntax";
import { collectVariableReferences } from "@/lib/rich-text/variables";
import type { GraphIssue } from "./graph-issue";
import type { GraphNode, WorkflowGraph } from "./graph-schema";
import { buildTopology, resolveSourcePort, topologicalOrder, type Topology } from "./graph-topology";
import { nodeOutputs, type NodeDefinition } from "./node-definition";
import { definitionOf, NODE_TYPES } from "./node-types";

// The rules every graph follows, whatever its node types; each node's own rules are its
// definition's validate(), called from here through the registry.

/** "A, B or C". */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

const definitions = (): NodeDefinition[] => NODE_TYPES.map(definitionOf);

function checkEdges(graph: WorkflowGraph, issues: GraphIssue[]): void {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const usedPorts = new Map<string, string>();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      issues.push({ nodeId: source?.id ?? target?.id ?? null, message: "A connection leads to a step that no longer exists. Delete that connection." });
      continue;
    }
    if (source.id === target.id) {
      issues.push({ nodeId: source.id, message: "This step is connected to itself. Runs can't go back to a step they have done." });
      continue;
    }
    if (definitionOf(target.type).category === "trigger") {
      issues.push({ nodeId: target.id, message: "Nothing can lead into a trigger: a trigger is where the workflow starts." });
      continue;
    }
    if (edge.targetHandle !== null && edge.targetHandle !== "in") {
      issues.push({ nodeId: target.id, message: `This step has no input named “${edge.targetHandle}”.` });
    }
    const port = resolveSourcePort(source, edge.sourceHandle);
    if (!port) {
      const outputs = nodeOutputs(definitionOf(source.type), source.config).map((output) => `“${output.label}”`).join(" or ");
      issues.push({
        nodeId: source.id,
        message: edge.sourceHandle === null ? `Connect from ${outputs}.` : `This step has no output named “${edge.sourceHandle}”; connect from ${outputs}.`,
      });
      continue;
    }
    const key = `${source.id}\u0000${port.id}`;
    const previousTarget = usedPorts.get(key);
    if (previousTarget !== undefined && previousTarget !== target.id) {
      const which = nodeOutputs(definitionOf(source.type), source.config).length > 1 ? `The “${port.label}” output` : "This step";
      issues.push({ nodeId: source.id, message: `${which} leads to more than one step. A run follows one path: connect it to a single next step.` });
    }
    usedPorts.set(key, target.id);
  }
}

function checkShape(graph: WorkflowGraph, topology: Topology, issues: GraphIssue[]): void {
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) issues.push({ nodeId: node.id, message: "Two steps share this id; every step needs its own." });
    seen.add(node.id);
  }
  const triggers = graph.nodes.filter((node) => definitionOf(node.type).category === "trigger");
  if (triggers.length === 0) {
    const names = orList(definitions().filter((definition) => definition.category === "trigger").map((definition) => definition.label));
    issues.push({ nodeId: null, message: `Add a trigger: every workflow starts with ${names}.` });
  }
  for (const extra of triggers.slice(1)) {
    issues.push({ nodeId: extra.id, message: "A workflow has exactly one trigger. Remove this one or the other." });
  }
  checkEdges(graph, issues);

  const order = topologicalOrder(topology);
  if (!order) {
    const inLoop = new Set(topology.nodes.keys());
    // Peel off nodes that cannot be on a cycle (no way in, or no way out); what remains loops.
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of inLoop) {
        const hasIn = (topology.incoming.get(id) ?? []).some((source) => inLoop.has(source));
        const hasOut = [...(topology.next.get(id)?.values() ?? [])].some((target) => inLoop.has(target));
        if (!hasIn || !hasOut) {
          inLoop.delete(id);
          changed = true;
        }
      }
    }
    for (const id of inLoop) issues.push({ nodeId: id, message: "This step is part of a loop. Runs can't go back to an earlier step." });
  }

  const trigger = topology.trigger;
  const reachable = new Set<string>();
  if (trigger) {
    const pending = [trigger.id];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (reachable.has(id)) continue;
      reachable.add(id);
      pending.push(...(topology.next.get(id)?.values() ?? []));
    }
    if (!topology.next.get(trigger.id)?.size) {
      issues.push({ nodeId: trigger.id, message: "Connect the trigger to the first step." });
    }
  }
  for (const node of graph.nodes) {
    if (definitionOf(node.type).category === "trigger") continue;
    if (!topology.incoming.get(node.id)?.length) {
      issues.push({ nodeId: node.id, message: "Nothing leads into this step. Connect it to the step before it." });
    } else if (trigger && !reachable.has(node.id)) {
      issues.push({ nodeId: node.id, message: "This step is not connected to the trigger, so no run would reach it." });
    }
  }

  if (order) {
    // A node acts on "the conversation" only if every path to it went through a step that starts one.
    const starters = orList(definitions().filter((definition) => definition.startsConversation).map((definition) => definition.label));
    const hasConversation = new Map<string, boolean>();
    for (const id of order) {
      const sources = topology.incoming.get(id) ?? [];
      const node = topology.nodes.get(id)!;
      const guaranteed =
        sources.length > 0 &&
        sources.every((source) => hasConversation.get(source) || (topology.nodes.has(source) && definitionOf(topology.nodes.get(source)!.type).startsConversation));
      hasConversation.set(id, guaranteed);
      if (definitionOf(node.type).needsConversation && sources.length > 0 && !guaranteed) {
        issues.push({
          nodeId: id,
          message: `Add a ${starters} step before this one: it acts on the conversation that step starts, and some paths here have none.`,
        });
      }
    }
  }
}

export type NodeVariables = { field: string; document: RichTextDocument; richText: boolean; references: VariableReference[] };

/** Every variable a node uses, by config field: the fields its definition declares as variableFields. */
export function collectNodeVariables(node: GraphNode): NodeVariables[] {
  const config = node.config as Record<string, unknown>;
  return (definitionOf(node.type).variableFields ?? []).map((field) => {
    const value = config[field];
    // A one-line template (a Customer destination) is text; a message is a rich-text document.
    const richText = typeof value !== "string";
    const document = richText ? (value as RichTextDocument) : textToDocument(value);
    return { field, document, richText, references: collectVariableReferences(document) };
  });
}

/** {{variables}} that exist only in runs of some triggers (session.id), and those triggers' names. */
function triggerVariables(): Map<string, string[]> {
  const providers = new Map<string, string[]>();
  for (const definition of definitions()) {
    for (const name of definition.providesVariables ?? []) providers.set(name, [...(providers.get(name) ?? []), definition.label]);
  }
  return providers;
}

function checkNode(node: GraphNode, topology: Topology, providers: Map<string, string[]>, issues: GraphIssue[]): void {
  const connectedOutputs = new Set(topology.next.get(node.id)?.keys() ?? []);
  for (const issue of definitionOf(node.type).validate?.(node.config, { connectedOutputs }) ?? []) issues.push({ nodeId: node.id, ...issue });

  const trigger = topology.trigger;
  const provided = new Set(trigger ? (definitionOf(trigger.type).providesVariables ?? []) : []);
  for (const { field, references } of collectNodeVariables(node)) {
    const missing = new Set(references.filter((reference) => reference.fallback === null && providers.has(reference.name) && !provided.has(reference.name)).map((reference) => reference.name));
    for (const name of missing) {
      issues.push({
        nodeId: node.id,
        field,
        message: `{{${name}}} only exists when the trigger is ${orList(providers.get(name)!)}: give it a fallback or remove it.`,
      });
    }
  }
}

/**
 * What can be checked from the graph alone: one trigger, connections, reachability, no loops,
 * nodes that need a conversation having one, and each node's own rules (required fields). Workspace
 * facts (members, channels, plan, custom attributes) are checked by validateGraphInWorkspace.
 */
export function validateGraphStructure(graph: WorkflowGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const topology = buildTopology(graph);
  checkShape(graph, topology, issues);
  const providers = triggerVariables();
  for (const node of graph.nodes) checkNode(node, topology, providers, issues);
  return issues;
}
