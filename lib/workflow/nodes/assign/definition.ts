import { z } from "zod";
import { assigneeSchema, describeAssignee } from "../../assignee";
import { defineNode, INPUT_PORT, NEXT_PORT } from "../../node-definition";

export const assignConfigSchema = z.strictObject({
  assignee: assigneeSchema.default({ type: "unassigned" }),
});
export type AssignConfig = z.infer<typeof assignConfigSchema>;

export const assignDefinition = defineNode({
  type: "assign",
  category: "action",
  label: "Assign",
  description: "Assigns the conversation; if it has not opened yet, the assignment applies when it opens.",
  icon: "UserCheck",
  configSchema: assignConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [NEXT_PORT],
  fields: { assignee: { label: "Assignee" } },
  summarize: (config, names) => `Assign to ${describeAssignee(config.assignee, names)}`,
  needsConversation: true,
});
