"use server";

import { getDb } from "../db/client";
import { getNodeCounts, getRunLog, getWorkflow, listRuns, listVersions, listWorkflows } from "../db/queries/workflows";
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
  listRunsInput,
  publishWorkflowInput,
  renameWorkflowInput,
  restoreVersionInput,
  runLogInput,
  runManualInput,
  saveDraftInput,
  updateWorkflowSettingsInput,
  workflowRefInput,
} from "./workflows.validation";
import { z } from "zod";

// Thin guards over lib/workflow/service: membership and role first (builders = owner/admin for
// writes, any member for reads), then the input schema, then the service, scoped to the workspace.

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

export const listWorkflowsAction = workspaceAction({ schema: z.object({ workspaceId: z.uuid() }) }, (_input, { workspace }) =>
  listWorkflows(getDb(), workspace.id),
);

export const getWorkflowAction = workspaceAction({ schema: workflowRefInput }, (input, { workspace }) => getWorkflow(getDb(), workspace.id, input.workflowId));

export const listVersionsAction = workspaceAction({ schema: workflowRefInput }, (input, { workspace }) =>
  listVersions(getDb(), workspace.id, input.workflowId),
);

export const listRunsAction = workspaceAction({ schema: listRunsInput }, (input, { workspace }) => listRuns(getDb(), workspace.id, input));

export const getRunLogAction = workspaceAction({ schema: runLogInput }, (input, { workspace }) => getRunLog(getDb(), workspace.id, input.runId));

export const getNodeCountsAction = workspaceAction({ schema: workflowRefInput }, (input, { workspace }) =>
  getNodeCounts(getDb(), workspace.id, input.workflowId),
);
