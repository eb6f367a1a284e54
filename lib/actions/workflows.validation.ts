import { z } from "zod";
import { audienceFilterSchema } from "../workflow/audience/audience-filter";

// Inputs of the workflow builder's server actions. The graph itself is z.unknown() here because
// the service parses it with parseWorkflowGraph, which answers with per-node messages.

const workspaceId = z.uuid();
const workflowId = z.uuid();
const name = z.string().trim().min(1, "Give the workflow a name.").max(120);

export const createWorkflowInput = z.object({ workspaceId, name: name.default("Untitled workflow") });
export const renameWorkflowInput = z.object({ workspaceId, workflowId, name });
export const workflowRefInput = z.object({ workspaceId, workflowId });
export const updateWorkflowSettingsInput = z.object({ workspaceId, workflowId, allowReentry: z.boolean() });
export const saveDraftInput = z.object({
  workspaceId,
  workflowId,
  graph: z.unknown(),
  /** The revision the editor loaded or last saved; a different current revision means another tab saved. */
  expectedRevision: z.int().min(0),
});
export const publishWorkflowInput = z.object({ workspaceId, workflowId, expectedRevision: z.int().min(0).optional() });
export const restoreVersionInput = z.object({ workspaceId, workflowId, versionId: z.uuid(), expectedRevision: z.int().min(0).optional() });
export const runManualInput = z.object({
  workspaceId,
  workflowId,
  contactIds: z.array(z.uuid()).min(1, "Choose at least one contact.").max(1_000),
  /** A test run executes the current draft (valid or refused) without publishing it. */
  test: z.boolean().default(false),
  /** Makes a repeated request (an API retry) start its runs once. */
  requestId: z.string().min(1).max(100).optional(),
});
export const audiencePreviewInput = z.object({ workspaceId, filter: audienceFilterSchema });

export type CreateWorkflowInput = z.infer<typeof createWorkflowInput>;
export type RenameWorkflowInput = z.infer<typeof renameWorkflowInput>;
export type WorkflowRefInput = z.infer<typeof workflowRefInput>;
export type UpdateWorkflowSettingsInput = z.infer<typeof updateWorkflowSettingsInput>;
export type SaveDraftInput = z.infer<typeof saveDraftInput>;
export type PublishWorkflowInput = z.infer<typeof publishWorkflowInput>;
export type RestoreVersionInput = z.infer<typeof restoreVersionInput>;
export type RunManualInput = z.input<typeof runManualInput>;
export type AudiencePreviewInput = z.input<typeof audiencePreviewInput>;
