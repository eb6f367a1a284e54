import { z } from "zod";

// Inputs of the builder's READ actions only (lib/actions/workflows.ts), which are moving to route
// handlers and server components; the write actions' schemas live beside their services in
// lib/workflow/service/*.validation.ts.

const workspaceId = z.uuid();
const workflowId = z.uuid();

export const workflowRefInput = z.object({ workspaceId, workflowId });
export const listRunsInput = z.object({
  workspaceId,
  workflowId,
  status: z.enum(["running", "waiting", "completed", "failed", "cancelled"]).optional(),
  limit: z.int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
  includeTest: z.boolean().default(true),
});
export const runLogInput = z.object({ workspaceId, runId: z.uuid() });

export type WorkflowRefInput = z.infer<typeof workflowRefInput>;
export type ListRunsInput = z.input<typeof listRunsInput>;
