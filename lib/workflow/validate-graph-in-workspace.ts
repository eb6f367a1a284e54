import { ENTERPRISE_REQUIRED, isEnterprise } from "../plans/plan";
import { expandTextPlaceholders } from "../rich-text/expand-placeholders";
import { isKnownVariable } from "../rich-text/variables";
import type { Assignee } from "./assignee";
import { checkConfiguredDestination } from "./customer-destination";
import type { GraphIssue } from "./graph-issue";
import type { GraphNode, WorkflowGraph } from "./graph-schema";
import { collectNodeVariables, validateGraphStructure } from "./validate-graph";
import { defaultChatChannelId, type ValidationContext } from "./validation-context";

function checkAssignee(node: GraphNode, assignee: Assignee, context: ValidationContext, issues: GraphIssue[]): void {
  if (assignee.type === "user" && !context.memberUserIds.has(assignee.userId)) {
    issues.push({ nodeId: node.id, field: "assignee", message: "The assignee is not a member of this workspace. Choose another agent." });
  }
  if (assignee.type === "team" && !context.teamIds.has(assignee.teamId)) {
    issues.push({ nodeId: node.id, field: "assignee", message: "That team doesn't exist in this workspace any more. Choose another assignee." });
  }
}

function checkVariables(node: GraphNode, context: ValidationContext, issues: GraphIssue[]): void {
  for (const { field, references } of collectNodeVariables(node)) {
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
  if (node.type === "start_conversation" || node.type === "add_note") {
    for (const problem of expandTextPlaceholders(node.config.message).problems) {
      issues.push({ nodeId: node.id, field: "message", message: `“${problem.raw}” is not a valid variable: fix or remove it.` });
    }
  }
}

function checkStartConversation(node: GraphNode & { type: "start_conversation" }, context: ValidationContext, issues: GraphIssue[]): void {
  const config = node.config;
  if (config.senderUserId && !context.memberUserIds.has(config.senderUserId)) {
    issues.push({ nodeId: node.id, field: "senderUserId", message: "The sender is not a member of this workspace. Choose another agent." });
  }
  checkAssignee(node, config.assignee, context, issues);

  const defaultChat = defaultChatChannelId(context);
  const channelId = config.channelId ?? defaultChat;
  const channel = channelId ? context.channels.get(channelId) : undefined;
  if (config.channelId && !channel) {
    issues.push({ nodeId: node.id, field: "channelId", message: "That channel doesn't exist in this workspace. Choose another channel." });
  } else if (!channelId) {
    issues.push({ nodeId: node.id, field: "channelId", message: "This workspace has no default chat channel. Create one in Settings › Conversations." });
  }

  if (!isEnterprise(context.plan)) {
    const locked = "is an Enterprise feature. Upgrade the workspace to use it, or clear this field.";
    if (config.channelId && config.channelId !== defaultChat) {
      issues.push({ nodeId: node.id, field: "channelId", code: ENTERPRISE_REQUIRED, message: `Choosing a channel other than the default chat ${locked}` });
    }
    if (config.customerDestination !== "") {
      issues.push({ nodeId: node.id, field: "customerDestination", code: ENTERPRISE_REQUIRED, message: `Customer destination ${locked}` });
    }
    if (config.customerIdentifier !== "") {
      issues.push({ nodeId: node.id, field: "customerIdentifier", code: ENTERPRISE_REQUIRED, message: `Customer identifier ${locked}` });
    }
  }
  if (channel) {
    const problem = checkConfiguredDestination(channel.kind, config.customerDestination);
    if (problem) issues.push({ nodeId: node.id, field: "customerDestination", message: problem });
  }
}

function checkNode(node: GraphNode, context: ValidationContext, issues: GraphIssue[]): void {
  checkVariables(node, context, issues);
  switch (node.type) {
    case "start_conversation":
      checkStartConversation(node, context, issues);
      break;
    case "assign":
      checkAssignee(node, node.config.assignee, context, issues);
      break;
    case "session_started":
      if (node.config.channelId && context.channels.get(node.config.channelId)?.kind !== "chat") {
        issues.push({ nodeId: node.id, field: "channelId", message: "Choose one of this workspace's chat channels, or any chat channel." });
      }
      break;
    default:
      break;
  }
}

/** The full check publish runs: the graph's own rules plus the workspace's members, channels and plan. */
export function validateGraphInWorkspace(graph: WorkflowGraph, context: ValidationContext): GraphIssue[] {
  const issues = validateGraphStructure(graph);
  for (const node of graph.nodes) checkNode(node, context, issues);
  return issues;
}
