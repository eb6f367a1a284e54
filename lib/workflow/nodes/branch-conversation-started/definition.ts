import GitBranch from "lucide-react/icons/git-branch";
import { z } from "zod";
import { durationSchema, durationTooLong, formatDuration } from "@/lib/workflow/duration";
import { defineNode, INPUT_PORT } from "@/lib/workflow/node-definition";

export const branchConversationStartedConfigSchema = z.strictObject({
  timeout: durationSchema.default({ amount: 3, unit: "days" }),
});
export type BranchConversationStartedConfig = z.infer<typeof branchConversationStartedConfigSchema>;

export const ports = {
  started: { id: "started", label: "Started" },
  notStarted: { id: "not_started", label: "Not started" },
} as const;

export const branchConversationStartedDefinition = defineNode({
  type: "branch_conversation_started",
  category: "action",
  label: "Branch on Conversation started",
  description: "Waits for the conversation to open (the contact replied, or it opened immediately), up to a timeout.",
  icon: GitBranch,
  configSchema: branchConversationStartedConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.started, ports.notStarted],
  fields: { timeout: { label: "Not started after", control: "duration" } },
  summarize: (config) => `Started, or Not started after ${formatDuration(config.timeout)}`,
  needsConversation: true,
  waitEnds: { timeout: ports.notStarted.id, conversationStarted: ports.started.id },
  // A contact the start skipped (unsubscribed, bouncing) has no conversation to wait for.
  whenStartSkipped: ports.notStarted.id,
  validate: (config, graph) => [
    ...(graph.connectedOutputs.size === 0 ? [{ message: `Connect “${ports.started.label}” or “${ports.notStarted.label}” (or both) to a next step.` }] : []),
    ...durationTooLong("timeout", config.timeout),
  ],
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
