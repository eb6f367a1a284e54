import CircleCheck from "lucide-react/icons/circle-check";
import { z } from "zod";
import { defineNode, INPUT_PORT, NEXT_PORT } from "@/lib/workflow/node-definition";

export const closeConversationConfigSchema = z.strictObject({});
export type CloseConversationConfig = z.infer<typeof closeConversationConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const closeConversationDefinition = defineNode({
  type: "close_conversation",
  category: "action",
  label: "Close conversation",
  description: "Closes the conversation (an unanswered campaign too, so a later reply starts a new one).",
  icon: CircleCheck,
  configSchema: closeConversationConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: {},
  summarize: () => "Close the conversation",
  needsConversation: true,
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
