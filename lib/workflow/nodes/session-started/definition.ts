import { z } from "zod";
import { defineNode, NEXT_PORT } from "../../node-definition";

export const sessionStartedConfigSchema = z.strictObject({
  // null: any chat channel of the workspace.
  channelId: z.uuid().nullable().default(null),
});
export type SessionStartedConfig = z.infer<typeof sessionStartedConfigSchema>;

export const sessionStartedDefinition = defineNode({
  type: "session_started",
  category: "trigger",
  label: "Session Started",
  description: "Starts when a contact opens a chat session; {{session.id}} is that session.",
  icon: "MessageCircle",
  configSchema: sessionStartedConfigSchema,
  inputs: [],
  outputs: [NEXT_PORT],
  fields: { channelId: { label: "Chat channel", description: "Leave empty for any chat channel." } },
  summarize: (config, names) =>
    config.channelId ? `Chat session opened on ${names?.channel?.(config.channelId) ?? "a chat channel"}` : "Chat session opened on any chat channel",
  needsConversation: false,
});
