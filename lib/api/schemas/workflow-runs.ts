import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { contactRefSchema } from "./common";

export const runWorkflowBodySchema = z
  .strictObject({
    contacts: z.array(contactRefSchema).min(1).max(100).meta({ description: "1 to 100 existing contacts to run the Manual trigger on." }),
  })
  .meta({ id: "RunWorkflowRequest", examples: [{ contacts: [{ externalId: "crm-4711" }, { email: "ada@example.com" }] }] });
export type RunWorkflowBody = z.infer<typeof runWorkflowBodySchema>;

export const workflowRunsResourceSchema = z
  .object({
    workflowId: uuidSchema,
    versionId: uuidSchema.meta({ description: "The published version the runs follow." }),
    runIds: z.array(uuidSchema).meta({ description: "Runs started by this request; a contact this request already entered is not entered twice." }),
  })
  .meta({ id: "WorkflowRuns" });
