import { z } from "zod";
import { contactRefSchema } from "./common";

export const runWorkflowBodySchema = z
  .strictObject({
    contacts: z.array(contactRefSchema).min(1).max(100).meta({ description: "1 to 100 existing contacts to run the Manual trigger on." }),
  })
  .meta({ id: "RunWorkflowRequest", examples: [{ contacts: [{ externalId: "crm-4711" }, { email: "ada@example.com" }] }] });
export type RunWorkflowBody = z.infer<typeof runWorkflowBodySchema>;

export const workflowRunsResourceSchema = z
  .object({
    workflowId: z.uuid(),
    runs: z.array(z.object({ contactId: z.uuid(), runId: z.uuid().nullable(), started: z.boolean() })),
  })
  .meta({ id: "WorkflowRuns" });
