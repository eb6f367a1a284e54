import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { workflowGoalSchema } from "@/lib/workflow/goal/goal";

/** The builder's goal setting: a goal, or null for none. Checked for publishing at publish. */
export const setWorkflowGoalSchema = z.object({ workflowId: uuidSchema, goal: workflowGoalSchema.nullable() });
export type SetWorkflowGoalInput = z.infer<typeof setWorkflowGoalSchema>;
