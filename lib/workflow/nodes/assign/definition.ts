import UserCheck from "lucide-react/icons/user-check";
import { z } from "zod";
import { assigneeInWorkspaceIssues, assigneeSchema, describeAssignee } from "@/lib/workflow/assignee";
import { defineNode, INPUT_PORT, NEXT_PORT } from "@/lib/workflow/node-definition";

export const assignConfigSchema = z.strictObject({
  assignee: assigneeSchema.default({ type: "unassigned" }),
});
export type AssignConfig = z.infer<typeof assignConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const assignDefinition = defineNode({
  type: "assign",
  category: "action",
  label: "Assign",
  description: "Assigns the conversation; if it has not opened yet, the assignment applies when it opens.",
  icon: UserCheck,
  configSchema: assignConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: { assignee: { label: "Assignee", control: "assignee" } },
  summarize: (config, names) => `Assign to ${describeAssignee(config.assignee, names)}`,
  needsConversation: true,
  validateInWorkspace: (config, workspace) => assigneeInWorkspaceIssues(config.assignee, workspace),
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
