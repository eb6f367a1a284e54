"use server";

import { z } from "zod";
import { getDb } from "../db/client";
import { getNodeCounts, getRunLog, getWorkflow, listRuns, listVersions, listWorkflows } from "../db/queries/workflows";
import { previewAudience } from "../workflow/service/audience-preview";
import { audiencePreviewSchema } from "../workflow/service/audience-preview.validation";
import { pauseWorkflow, publishWorkflow, restoreVersion, resumeWorkflow } from "../workflow/service/publish";
import { publishWorkflowSchema, restoreVersionSchema } from "../workflow/service/publish.validation";
import { runManual } from "../workflow/service/run-manual";
import { runManualSchema } from "../workflow/service/run-manual.validation";
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  renameWorkflow,
  saveDraft,
  updateWorkflowSettings,
  validateDraft,
} from "../workflow/service/workflows";
import {
  createWorkflowSchema,
  renameWorkflowSchema,
  saveDraftSchema,
  updateWorkflowSettingsSchema,
  workflowRefSchema,
} from "../workflow/service/workflows.validation";
import { legacyWorkspaceAction } from "./legacy-action";
import { workspaceAction } from "./safe-action";
import { listRunsInput, runLogInput, workflowRefInput } from "./workflows.validation";

// The workflow builder's changes: builders (owner/admin) only, each a service of lib/workflow.
const builder = { minimumRole: "admin" } as const;

export const createWorkflowAction = workspaceAction({ schema: createWorkflowSchema, ...builder }, createWorkflow);

export const renameWorkflowAction = workspaceAction({ schema: renameWorkflowSchema, ...builder }, renameWorkflow);

export const duplicateWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, duplicateWorkflow);

export const deleteWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, deleteWorkflow);

export const updateWorkflowSettingsAction = workspaceAction({ schema: updateWorkflowSettingsSchema, ...builder }, updateWorkflowSettings);

export const saveDraftAction = workspaceAction({ schema: saveDraftSchema, ...builder }, saveDraft);

export const validateDraftAction = workspaceAction({ schema: workflowRefSchema, ...builder }, validateDraft);

export const publishWorkflowAction = workspaceAction({ schema: publishWorkflowSchema, ...builder }, publishWorkflow);

export const pauseWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, pauseWorkflow);

export const resumeWorkflowAction = workspaceAction({ schema: workflowRefSchema, ...builder }, resumeWorkflow);

export const restoreVersionAction = workspaceAction({ schema: restoreVersionSchema, ...builder }, restoreVersion);

export const runManualAction = workspaceAction({ schema: runManualSchema, ...builder }, runManual);

export const audiencePreviewAction = workspaceAction({ schema: audiencePreviewSchema, ...builder }, previewAudience);

// Reads, any member (moving to route handlers and server components: see issue 10, point 6).

export const listWorkflowsAction = legacyWorkspaceAction({ schema: z.object({ workspaceId: z.uuid() }) }, (_input, { workspace }) =>
  listWorkflows(getDb(), workspace.id),
);

export const getWorkflowAction = legacyWorkspaceAction({ schema: workflowRefInput }, (input, { workspace }) => getWorkflow(getDb(), workspace.id, input.workflowId));

export const listVersionsAction = legacyWorkspaceAction({ schema: workflowRefInput }, (input, { workspace }) =>
  listVersions(getDb(), workspace.id, input.workflowId),
);

export const listRunsAction = legacyWorkspaceAction({ schema: listRunsInput }, (input, { workspace }) => listRuns(getDb(), workspace.id, input));

export const getRunLogAction = legacyWorkspaceAction({ schema: runLogInput }, (input, { workspace }) => getRunLog(getDb(), workspace.id, input.runId));

export const getNodeCountsAction = legacyWorkspaceAction({ schema: workflowRefInput }, (input, { workspace }) =>
  getNodeCounts(getDb(), workspace.id, input.workflowId),
);
