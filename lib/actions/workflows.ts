"use server";

import { previewAudience } from "../workflow/service/audience-preview";
import { pauseWorkflow, publishWorkflow, restoreVersion, resumeWorkflow } from "../workflow/service/publish";
import { runManual } from "../workflow/service/run-manual";
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  renameWorkflow,
  saveDraft,
  updateWorkflowSettings,
  validateDraft,
} from "../workflow/service/workflows";
import { legacyWorkspaceAction as workspaceAction } from "./legacy-action";
import {
  audiencePreviewInput,
  createWorkflowInput,
  publishWorkflowInput,
  renameWorkflowInput,
  restoreVersionInput,
  runManualInput,
  saveDraftInput,
  updateWorkflowSettingsInput,
  workflowRefInput,
} from "./workflows.validation";

// Thin guards over lib/workflow/service: membership and role first (builders = owner/admin), then
// the input schema, then the service, scoped to the workspace. Reads are GET routes (app/api/workspaces).

const builder = "admin" as const;

export const createWorkflowAction = workspaceAction({ schema: createWorkflowInput, minimumRole: builder }, (input, { user, workspace }) =>
  createWorkflow(workspace.id, user.id, input),
);

export const renameWorkflowAction = workspaceAction({ schema: renameWorkflowInput, minimumRole: builder }, (input, { user, workspace }) =>
  renameWorkflow(workspace.id, user.id, input),
);

export const duplicateWorkflowAction = workspaceAction({ schema: workflowRefInput, minimumRole: builder }, (input, { user, workspace }) =>
  duplicateWorkflow(workspace.id, user.id, input),
);

export const deleteWorkflowAction = workspaceAction({ schema: workflowRefInput, minimumRole: builder }, (input, { user, workspace }) =>
  deleteWorkflow(workspace.id, user.id, input),
);

export const updateWorkflowSettingsAction = workspaceAction(
  { schema: updateWorkflowSettingsInput, minimumRole: builder },
  (input, { user, workspace }) => updateWorkflowSettings(workspace.id, user.id, input),
);

export const saveDraftAction = workspaceAction({ schema: saveDraftInput, minimumRole: builder }, (input, { user, workspace }) =>
  saveDraft(workspace.id, user.id, input),
);

export const validateDraftAction = workspaceAction({ schema: workflowRefInput, minimumRole: builder }, (input, { workspace }) =>
  validateDraft(workspace.id, input),
);

export const publishWorkflowAction = workspaceAction({ schema: publishWorkflowInput, minimumRole: builder }, (input, { user, workspace }) =>
  publishWorkflow(workspace.id, user.id, input),
);

export const pauseWorkflowAction = workspaceAction({ schema: workflowRefInput, minimumRole: builder }, (input, { user, workspace }) =>
  pauseWorkflow(workspace.id, user.id, input),
);

export const resumeWorkflowAction = workspaceAction({ schema: workflowRefInput, minimumRole: builder }, (input, { user, workspace }) =>
  resumeWorkflow(workspace.id, user.id, input),
);

export const restoreVersionAction = workspaceAction({ schema: restoreVersionInput, minimumRole: builder }, (input, { user, workspace }) =>
  restoreVersion(workspace.id, user.id, input),
);

export const runManualAction = workspaceAction({ schema: runManualInput, minimumRole: builder }, (input, { user, workspace }) =>
  runManual(workspace.id, user.id, input),
);

export const audiencePreviewAction = workspaceAction({ schema: audiencePreviewInput, minimumRole: builder }, (input, { workspace }) =>
  previewAudience(workspace.id, input.filter),
);
