import {
  audiencePreviewAction,
  getNodeCountsAction,
  getRunLogAction,
  getWorkflowAction,
  listRunsAction,
  listVersionsAction,
  pauseWorkflowAction,
  publishWorkflowAction,
  restoreVersionAction,
  resumeWorkflowAction,
  runManualAction,
  saveDraftAction,
  updateWorkflowSettingsAction,
} from "@/lib/actions/workflows";
import { previewMessageAction, searchPreviewContactsAction } from "@/lib/actions/workflow-builder";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import type { EditorActions, RunSummary } from "./editor-actions";

const iso = (value: Date | string | null | undefined): string => (value ? new Date(value).toISOString() : "");

function contactName(run: { contactName: string | null; contactEmail: string | null }): string {
  return run.contactName ?? run.contactEmail ?? "Unnamed contact";
}

function runSummary(run: {
  id: string;
  status: string;
  isTest: boolean;
  contactName: string | null;
  contactEmail: string | null;
  createdAt: Date | string;
  error: string | null;
}): RunSummary {
  return { id: run.id, status: run.status, isTest: run.isTest, contactName: contactName(run), createdAt: iso(run.createdAt), error: run.error };
}

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
  listVersions: async (input) => {
    const result = await listVersionsAction(input);
    if (!result.ok) return result;
    return {
      ok: true,
      data: result.data.map((version) => ({
        id: version.id,
        version: version.version,
        publishedAt: iso(version.publishedAt),
        publishedByName: version.publishedByName,
        isLive: version.live,
      })),
    };
  },
  restoreVersion: async (input) => {
    const restored = await restoreVersionAction(input);
    if (!restored.ok) return restored;
    const workflow = await getWorkflowAction({ workspaceId: input.workspaceId, workflowId: input.workflowId });
    if (!workflow.ok) return workflow;
    return { ok: true, data: { revision: workflow.data.draftRevision, graph: workflow.data.draftGraph as WorkflowGraphInput } };
  },
  runOnContact: async ({ contactId, mode, ...input }) => {
    const result = await runManualAction({ ...input, contactIds: [contactId], test: mode === "draft" });
    if (!result.ok) return result;
    const runId = result.data.runIds[0];
    return runId ? { ok: true, data: { runId } } : { ok: false, code: "conflict", error: "This contact has already been through this workflow." };
  },
  getRun: async (input) => {
    const result = await getRunLogAction(input);
    if (!result.ok) return result;
    return {
      ok: true,
      data: {
        ...runSummary(result.data.run),
        steps: result.data.steps.map((step) => ({
          nodeId: step.nodeId,
          nodeType: step.nodeType,
          status: step.status,
          outcome: step.outcome,
          error: step.error,
          createdAt: iso(step.createdAt),
        })),
      },
    };
  },
  listRuns: async (input) => {
    const result = await listRunsAction({ ...input, limit: 10 });
    return result.ok ? { ok: true, data: result.data.map(runSummary) } : result;
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
  nodeCounts: (input) => getNodeCountsAction(input),
  previewMessage: (input) => previewMessageAction(input),
  searchContacts: (input) => searchPreviewContactsAction(input),
  setAllowReentry: (input) => updateWorkflowSettingsAction(input),
};
