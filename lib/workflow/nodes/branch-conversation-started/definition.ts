import { z } from "zod";
import { durationSchema, formatDuration } from "../../duration";
import { defineNode, INPUT_PORT } from "../../node-definition";

export const branchConversationStartedConfigSchema = z.strictObject({
  timeout: durationSchema.default({ amount: 3, unit: "days" }),
});
export type BranchConversationStartedConfig = z.infer<typeof branchConversationStartedConfigSchema>;

export const STARTED_PORT = { id: "started", label: "Started" } as const;
export const NOT_STARTED_PORT = { id: "not_started", label: "Not started" } as const;

export const branchConversationStartedDefinition = defineNode({
  type: "branch_conversation_started",
  category: "action",
  label: "Branch on Conversation started",
  description: "Waits for the conversation to open (the contact replied, or it opened immediately), up to a timeout.",
  icon: "GitBranch",
  configSchema: branchConversationStartedConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [STARTED_PORT, NOT_STARTED_PORT],
  fields: { timeout: { label: "Not started after" } },
  summarize: (config) => `Started, or Not started after ${formatDuration(config.timeout)}`,
  needsConversation: true,
});
