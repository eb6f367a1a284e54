import StickyNote from "lucide-react/icons/sticky-note";
import { z } from "zod";
import { emptyDocument, isDocumentEmpty, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { defineNode, INPUT_PORT, NEXT_PORT } from "@/lib/workflow/node-definition";

export const addNoteConfigSchema = z.strictObject({
  message: richTextDocumentSchema.default(() => emptyDocument()),
});
export type AddNoteConfig = z.infer<typeof addNoteConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const addNoteDefinition = defineNode({
  type: "add_note",
  category: "action",
  label: "Add note",
  description: "Adds an internal note to the conversation; contacts never see notes.",
  icon: StickyNote,
  configSchema: addNoteConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: { message: { label: "Note", control: "rich-text" } },
  summarize: () => "Add an internal note",
  needsConversation: true,
  variableFields: ["message"],
  validate: (config) => (isDocumentEmpty(config.message) ? [{ field: "message", message: "Write the note." }] : []),
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
