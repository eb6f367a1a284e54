import {
  audiencePreviewAction,
  pauseWorkflowAction,
  publishWorkflowAction,
  restoreVersionAction,
  resumeWorkflowAction,
  runManualAction,
  saveDraftAction,
  setWorkflowGoalAction,
  updateWorkflowSettingsAction,
} from "@/lib/actions/workflows";
import { previewMessageAction, searchPreviewContactsAction } from "@/lib/actions/workflow-builder";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import type { EditorActions } from "./editor-actions";
import { editorReads } from "./editor-reads";

/** lib/actions/workflows.ts, shaped the way the editor uses it. */
export const editorActions: EditorActions = {
  saveDraft: async (input) => {
    const result = await saveDraftAction(input);
    if (result.ok) return { ok: true, data: { revision: result.data.revision } };
    // A refused graph names the step and field; the first problem is the most useful one to show.
    const issue = (result.details as { issues?: { message?: string }[] } | undefined)?.issues?.[0]?.message;
    return issue ? { ...result, error: `${result.error} ${issue}` } : result;
  },
  publish: async (input) => {
    const result = await publishWorkflowAction(input);
    return result.ok ? { ok: true, data: { version: result.data.version, status: "live", publishedAt: new Date().toISOString() } } : result;
  },
  setPaused: async ({ paused, ...input }) => (paused ? pauseWorkflowAction(input) : resumeWorkflowAction(input)),
  restoreVersion: async (input) => {
    const restored = await restoreVersionAction(input);
    if (!restored.ok) return restored;
    const workflow = await editorReads.draft({ workspaceId: input.workspaceId, workflowId: input.workflowId });
    if (!workflow.ok) return workflow;
    return { ok: true, data: { revision: workflow.data.draftRevision, graph: workflow.data.draftGraph as WorkflowGraphInput } };
  },
  runOnContact: async ({ contactId, mode, ...input }) => {
    const result = await runManualAction({ ...input, contactIds: [contactId], test: mode === "draft" });
    if (!result.ok) return result;
    const runId = result.data.runIds[0];
    return runId ? { ok: true, data: { runId } } : { ok: false, code: "conflict", error: "This contact has already been through this workflow." };
  },
  previewAudience: async (input) => {
    const result = await audiencePreviewAction(input);
    if (!result.ok) return result;
    return {
      ok: true,
      data: {
        count: result.data.count,
        sample: result.data.sample.map((contact) => ({ id: contact.id, name: contact.name, email: contact.email })),
      },
    };
  },
  previewMessage: (input) => previewMessageAction(input),
  searchContacts: (input) => searchPreviewContactsAction(input),
  setAllowReentry: (input) => updateWorkflowSettingsAction(input),
  setGoal: (input) => setWorkflowGoalAction(input),
};
