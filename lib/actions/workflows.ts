"use server";

import { previewAudience } from "@/lib/workflow/service/audience-preview";
import { audiencePreviewSchema } from "@/lib/workflow/service/audience-preview.validation";
import { pauseWorkflow, publishWorkflow, restoreVersion, resumeWorkflow } from "@/lib/workflow/service/publish";
import { publishWorkflowSchema, restoreVersionSchema } from "@/lib/workflow/service/publish.validation";
import { runManual } from "@/lib/workflow/service/run-manual";
import { runManualSchema } from "@/lib/workflow/service/run-manual.validation";
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  renameWorkflow,
  saveDraft,
  updateWorkflowSettings,
} from "@/lib/workflow/service/workflows";
import {
  createWorkflowSchema,
  renameWorkflowSchema,
  saveDraftSchema,
  updateWorkflowSettingsSchema,
  workflowRefSchema,
} from "@/lib/workflow/service/workflows.validation";
import { setWorkflowGoal } from "@/lib/workflow/service/workflow-goal";
import { setWorkflowGoalSchema } from "@/lib/workflow/service/workflow-goal.validation";
import { workspaceAction } from "./safe-action";

// The workflow builder's changes: builders (owner/admin) only, each a service of lib/workflow.
// Reads are GET routes (app/api/workspaces/…) and server components.
const builder = { minimumRole: "admin" } as const;

export const createWorkflowAction = workspaceAction({ schema: createWorkflowSchema, ...builder }, createWorkflow);

export const renameWorkflowAction = workspaceAction({ schema: renameWorkflowSchema, ...builder }, renameWorkflow);

export const duplicateWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, duplicateWorkflow);

export const deleteWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, deleteWorkflow);

export const updateWorkflowSettingsAction = workspaceAction({ schema: updateWorkflowSettingsSchema, ...builder }, updateWorkflowSettings);

export const setWorkflowGoalAction = workspaceAction({ schema: setWorkflowGoalSchema, ...builder }, setWorkflowGoal);

export const saveDraftAction = workspaceAction({ schema: saveDraftSchema, ...builder }, saveDraft);

export const publishWorkflowAction = workspaceAction({ schema: publishWorkflowSchema, ...builder }, publishWorkflow);

export const pauseWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, pauseWorkflow);

export const resumeWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, resumeWorkflow);

export const restoreVersionAction = workspaceAction({ schema: restoreVersionSchema, ...builder }, restoreVersion);

export const runManualAction = workspaceAction({ schema: runManualSchema, ...builder }, runManual);

export const audiencePreviewAction = workspaceAction({ schema: audiencePreviewSchema, ...builder }, previewAudience);

