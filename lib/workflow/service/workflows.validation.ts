import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

// Inputs of the builder's workflow services (workflows.ts). The workspace is never part of them:
// the caller's scope names it. The graph is z.unknown() here because saveDraft parses it with
// parseWorkflowGraph, which answers with per-node messages.

const name = z.string().trim().min(1, "Give the workflow a name.").max(120);

export const workflowRefSchema = z.object({ workflowId: uuidSchema });
export const createWorkflowSchema = z.object({ name: name.default("Untitled workflow") });
export const renameWorkflowSchema = z.object({ workflowId: uuidSchema, name });
export const updateWorkflowSettingsSchema = z.object({ workflowId: uuidSchema, allowReentry: z.boolean() });
export const saveDraftSchema = z.object({
  workflowId: uuidSchema,
  graph: z.unknown(),
  /** The revision the editor loaded or last saved; a different current revision means another tab saved. */
  expectedRevision: z.int().min(0),
});

export type WorkflowRefInput = z.infer<typeof workflowRefSchema>;
export type CreateWorkflowInput = z.infer<typeof createWorkflowSchema>;
export type RenameWorkflowInput = z.infer<typeof renameWorkflowSchema>;
export type UpdateWorkflowSettingsInput = z.infer<typeof updateWorkflowSettingsSchema>;
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;
