import { textToDocument } from "@/lib/rich-text/document-schema";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";

type NodeInput = WorkflowGraphInput["nodes"][number];
type EdgeInput = WorkflowGraphInput["edges"][number];

export function node(id: string, type: NodeInput["type"], config: Record<string, unknown> = {}): NodeInput {
  return { id, type, position: { x: 0, y: 0 }, config } as NodeInput;
}

export function edge(source: string, target: string, sourceHandle: string | null = null): EdgeInput {
  return { id: `${source}-${sourceHandle ?? "out"}-${target}`, source, target, sourceHandle };
}

export function message(text: string) {
  return textToDocument(text);
}

/**
 * The re-engagement example from PRODUCT.md section 6: Audience Matched → Start a Conversation →
 * Branch on Conversation started → (Started) Assign.
 */
export function reengagementGraph(options: {
  senderUserId: string;
  assignTeamId?: string;
  text?: string;
  openMode?: "immediately" | "after_reply";
  timeout?: { amount: number; unit: "seconds" | "minutes" | "hours" | "days" };
  filter?: Record<string, unknown>;
  /** Another channel than the default chat (an SMS or email channel), and an email's subject. */
  channelId?: string;
  subject?: string;
  /** More of the Start a Conversation step's config (its guardrails, for the bench). */
  start?: Record<string, unknown>;
}): WorkflowGraphInput {
  return {
    nodes: [
      node("trigger", "audience_matched", {
        filter: options.filter ?? { lastConversation: { op: "older_than_days_or_never", days: 30 } },
      }),
      node("start", "start_conversation", {
        message: message(options.text ?? "Hi {{first_name}}, just checking in — is there anything we can help you with?"),
        senderUserId: options.senderUserId,
        openMode: options.openMode ?? "after_reply",
        ...(options.channelId ? { channelId: options.channelId } : {}),
        ...(options.subject ? { subject: options.subject } : {}),
        ...options.start,
      }),
      node("branch", "branch_conversation_started", { timeout: options.timeout ?? { amount: 3, unit: "days" } }),
      node("assign", "assign", { assignee: options.assignTeamId ? { type: "team", teamId: options.assignTeamId } : { type: "unassigned" } }),
    ],
    edges: [edge("trigger", "start"), edge("start", "branch"), edge("branch", "assign", "started")],
  };
}
