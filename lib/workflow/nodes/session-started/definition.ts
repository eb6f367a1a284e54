import MessageCircle from "lucide-react/icons/message-circle";
import { z } from "zod";
import { defineNode, NEXT_PORT } from "@/lib/workflow/node-definition";
import { uuidSchema } from "@/lib/validation/uuid";

export const sessionStartedConfigSchema = z.strictObject({
  // null: any chat channel of the workspace.
  channelId: uuidSchema.nullable().default(null),
});
export type SessionStartedConfig = z.infer<typeof sessionStartedConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const sessionStartedDefinition = defineNode({
  type: "session_started",
  category: "trigger",
  label: "Session Started",
  description: "Starts when a contact opens a chat session; {{session.id}} is that session.",
  icon: MessageCircle,
  configSchema: sessionStartedConfigSchema,
  inputs: [],
  outputs: [ports.next],
  fields: {
    channelId: {
      label: "Chat channel",
      description: "Leave empty for any chat channel.",
      control: "channel",
      chatOnly: true,
      emptyMeans: "any chat channel",
    },
  },
  summarize: (config, names) =>
    config.channelId ? `Chat session opened on ${names?.channel?.(config.channelId) ?? "a chat channel"}` : "Chat session opened on any chat channel",
  needsConversation: false,
  providesVariables: ["session.id"],
  validateInWorkspace: (config, workspace) =>
    config.channelId && workspace.channels.get(config.channelId)?.kind !== "chat"
      ? [{ field: "channelId", message: "Choose one of this workspace's chat channels, or any chat channel." }]
      : [],
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
