import { z } from "zod";
import { emptyDocument, richTextDocumentSchema } from "../../../rich-text/document-schema";
import { defineNode, INPUT_PORT, NEXT_PORT } from "../../node-definition";

export const addNoteConfigSchema = z.strictObject({
  message: richTextDocumentSchema.default(() => emptyDocument()),
});
export type AddNoteConfig = z.infer<typeof addNoteConfigSchema>;

export const addNoteDefinition = defineNode({
  type: "add_note",
  category: "action",
  label: "Add note",
  description: "Adds an internal note to the conversation; contacts never see notes.",
  icon: "StickyNote",
  configSchema: addNoteConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [NEXT_PORT],
  fields: { message: { label: "Note" } },
  summarize: () => "Add an internal note",
  needsConversation: true,
});
