import { isDocumentEmpty } from "../rich-text/document-schema";
import { textToDocument } from "../rich-text/document-schema";
import type { VariableReference } from "../rich-text/variable-syntax";
import { collectVariableReferences } from "../rich-text/variables";
import { NUMERIC_OPERATORS, VALUE_OPERATORS } from "./audience/audience-filter";
import { durationSeconds, formatDuration, MAX_DURATION_SECONDS } from "./duration";
import type { GraphIssue } from "./graph-issue";
import type { GraphNode, WorkflowGraph } from "./graph-schema";
import { buildTopology, resolveSourcePort, topologicalOrder } from "./graph-topology";
import { nodeDefinitions } from "./registry";

const TRIGGER_NAMES = "Audience Matched, Session Started or Manual";

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
    if (nodeDefinitions[target.type].category === "trigger") {
      issues.push({ nodeId: target.id, message: "Nothing can lead into a trigger: a trigger is where the workflow starts." });
      continue;
    }
    if (edge.targetHandle !== null && edge.targetHandle !== "in") {
      issues.push({ nodeId: target.id, message: `This step has no input named “${edge.targetHandle}”.` });
    }
    const port = resolveSourcePort(source, edge.sourceHandle);
    if (!port) {
      const outputs = nodeDefinitions[source.type].outputs.map((output) => `“${output.label}”`).join(" or ");
      issues.push({
        nodeId: source.id,
        message: edge.sourceHandle === null ? `Connect from ${outputs}.` : `This step has no output named “${edge.sourceHandle}”; connect from ${outputs}.`,
      });
      continue;
    }
    const key = `${source.id}\u0000${port.id}`;
    const previousTarget = usedPorts.get(key);
    if (previousTarget !== undefined && previousTarget !== target.id) {
      const which = nodeDefinitions[source.type].outputs.length > 1 ? `The “${port.label}” output` : "This step";
      issues.push({ nodeId: source.id, message: `${which} leads to more than one step. A run follows one path: connect it to a single next step.` });
    }
    usedPorts.set(key, target.id);
  }
}

function checkShape(graph: WorkflowGraph, issues: GraphIssue[]): void {
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) issues.push({ nodeId: node.id, message: "Two steps share this id; every step needs its own." });
    seen.add(node.id);
  }
  const triggers = graph.nodes.filter((node) => nodeDefinitions[node.type].category === "trigger");
  if (triggers.length === 0) {
    issues.push({ nodeId: null, message: `Add a trigger: every workflow starts with ${TRIGGER_NAMES}.` });
  }
  for (const extra of triggers.slice(1)) {
    issues.push({ nodeId: extra.id, message: "A workflow has exactly one trigger. Remove this one or the other." });
  }
  checkEdges(graph, issues);

  const topology = buildTopology(graph);
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
    const definition = nodeDefinitions[node.type];
    if (definition.category === "trigger") continue;
    if (!topology.incoming.get(node.id)?.length) {
      issues.push({ nodeId: node.id, message: "Nothing leads into this step. Connect it to the step before it." });
    } else if (trigger && !reachable.has(node.id)) {
      issues.push({ nodeId: node.id, message: "This step is not connected to the trigger, so no run would reach it." });
    }
    if (node.type === "branch_conversation_started" && !topology.next.get(node.id)?.size) {
      issues.push({ nodeId: node.id, message: "Connect “Started” or “Not started” (or both) to a next step." });
    }
  }

  if (order) {
    // A node acts on "the conversation" only if every path to it went through Start a Conversation.
    const hasConversation = new Map<string, boolean>();
    for (const id of order) {
      const sources = topology.incoming.get(id) ?? [];
      const node = topology.nodes.get(id)!;
      const guaranteed =
        sources.length > 0 && sources.every((source) => hasConversation.get(source) || topology.nodes.get(source)?.type === "start_conversation");
      hasConversation.set(id, guaranteed);
      if (nodeDefinitions[node.type].needsConversation && sources.length > 0 && !guaranteed) {
        issues.push({
          nodeId: id,
          message: "Add a Start a Conversation step before this one: it acts on the conversation that step starts, and some paths here have none.",
        });
      }
    }
  }
}

/** Every variable a node uses, by config field. */
export function collectNodeVariables(node: GraphNode): { field: string; references: VariableReference[] }[] {
  if (node.type === "start_conversation") {
    return [
      { field: "message", references: collectVariableReferences(node.config.message) },
      { field: "customerDestination", references: collectVariableReferences(textToDocument(node.config.customerDestination)) },
      { field: "customerIdentifier", references: collectVariableReferences(textToDocument(node.config.customerIdentifier)) },
    ];
  }
  if (node.type === "add_note") return [{ field: "message", references: collectVariableReferences(node.config.message) }];
  return [];
}

function checkNodeConfig(node: GraphNode, triggerType: string | undefined, issues: GraphIssue[]): void {
  switch (node.type) {
    case "start_conversation": {
      if (isDocumentEmpty(node.config.message)) {
        issues.push({ nodeId: node.id, field: "message", message: node.config.startWith === "note" ? "Write the note." : "Write the message." });
      }
      if (!node.config.senderUserId) issues.push({ nodeId: node.id, field: "senderUserId", message: "Choose a sender." });
      break;
    }
    case "add_note":
      if (isDocumentEmpty(node.config.message)) issues.push({ nodeId: node.id, field: "message", message: "Write the note." });
      break;
    case "wait":
    case "branch_conversation_started": {
      const duration = node.type === "wait" ? node.config.duration : node.config.timeout;
      const field = node.type === "wait" ? "duration" : "timeout";
      if (durationSeconds(duration) > MAX_DURATION_SECONDS) {
        issues.push({ nodeId: node.id, field, message: `${formatDuration(duration)} is too long: the most a run can wait is a year.` });
      }
      break;
    }
    case "audience_matched":
      node.config.filter.attributes.forEach((condition, index) => {
        const field = `filter.attributes.${index}`;
        if (condition.key.includes(".")) {
          issues.push({ nodeId: node.id, field: `${field}.key`, message: `“${condition.key}” is not a contact attribute name (names can't contain dots).` });
        }
        if (VALUE_OPERATORS.has(condition.op) && (condition.value === null || condition.value === "")) {
          issues.push({ nodeId: node.id, field: `${field}.value`, message: `Enter a value to compare “${condition.key}” with.` });
        } else if (NUMERIC_OPERATORS.has(condition.op) && !Number.isFinite(Number(condition.value))) {
          issues.push({ nodeId: node.id, field: `${field}.value`, message: `“${condition.key}” can only be compared as greater or less than a number.` });
        }
      });
      break;
    default:
      break;
  }
  if (triggerType !== "session_started") {
    for (const { field, references } of collectNodeVariables(node)) {
      if (references.some((reference) => reference.name === "session.id" && reference.fallback === null)) {
        issues.push({
          nodeId: node.id,
          field,
          message: "{{session.id}} only exists when the trigger is Session Started: give it a fallback or remove it.",
        });
      }
    }
  }
}

/**
 * What can be checked from the graph alone: one trigger, connections, reachability, no loops,
 * required fields, and nodes that need a conversation having one. Workspace facts (members,
 * channels, plan, custom attributes) are checked by validateGraphInWorkspace.
 */
export function validateGraphStructure(graph: WorkflowGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  checkShape(graph, issues);
  const triggerType = graph.nodes.find((node) => nodeDefinitions[node.type].category === "trigger")?.type;
  for (const node of graph.nodes) checkNodeConfig(node, triggerType, issues);
  return issues;
}
