import Tag from "lucide-react/icons/tag";
import { z } from "zod";
import { defineNode, INPUT_PORT, NEXT_PORT } from "@/lib/workflow/node-definition";

// A node type that exists only for tests: it proves a new node is one folder plus one registry
// line. Its tests add it to the registry (vi.mock) and touch no other file.

export const tagContactConfigSchema = z.strictObject({
  // Empty is allowed in a draft; its own rule refuses it (and any space) before publishing.
  tag: z.string().trim().max(40).default(""),
});
export type TagContactConfig = z.infer<typeof tagContactConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const tagContactDefinition = defineNode({
  type: "throwaway_tag_contact",
  category: "action",
  label: "Tag contact",
  description: "Adds a tag to the contact.",
  icon: Tag,
  configSchema: tagContactConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: { tag: { label: "Tag", control: "text" } },
  summarize: (config) => (config.tag ? `Tag the contact “${config.tag}”` : "Tag the contact"),
  needsConversation: false,
  validate: (config) => (/^\S+$/.test(config.tag) ? [] : [{ field: "tag", message: "Write one tag, without spaces." }]),
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
