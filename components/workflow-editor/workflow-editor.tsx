"use client";

import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { InlineStatus } from "@/components/ui/inline-status";
import type { WorkflowGoal } from "@/lib/workflow/goal/goal";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import { ConfigPanel } from "./config-panel";
import { ConflictBanner } from "./conflict-banner";
import type { WorkflowStatus } from "@/lib/workflow/workflow-summaries";
import { publishIssuesFrom } from "./editor-actions";
import { EditorActionsProvider, useEditorActions } from "./editor-actions-context";
import { editorActions } from "./editor-actions-impl";
import { EditorContextProvider, summaryNames, useEditorContext, type EditorWorkspace } from "./editor-context";
import { EditorHeader } from "./editor-header";
import { EditorStore } from "./editor-store";
import { EditorStoreProvider } from "./editor-store-context";
import { takeBackup } from "./draft-backup";
import { flowToGraph, graphToFlow } from "./graph-mapping";
import { Palette } from "./palette";
import { PublishIssues } from "./publish-issues";
import { GoalSettings } from "./goal-settings";
import { ReentryProvider } from "./reentry-setting";
import { RunHistoryButton, RunHistoryProvider } from "./run-history";
import { RunOnContactDialog } from "./run-on-contact-dialog";
import { useAddNode } from "./use-add-node";
import { useDraftAutosave } from "./use-draft-autosave";
import { useLiveNodeCounts } from "./use-live-node-counts";
import { useLiveValidation } from "./use-live-validation";
import { VersionsDialog } from "./versions-dialog";
import { WorkflowCanvas } from "./workflow-canvas";

export type EditorWorkflow = {
  id: string;
  name: string;
  status: WorkflowStatus;
  revision: number;
  graph: WorkflowGraphInput;
  lastPublishedAt: string | null;
  hasLiveVersion: boolean;
  allowReentry: boolean;
  goal: WorkflowGoal | null;
};

type WorkflowEditorProps = {
  workspace: EditorWorkspace;
  workflow: EditorWorkflow;
  readOnly: boolean;
};

const subscribeNothing = () => () => {};

/**
 * The builder. Rendered in the browser only: it reads unsaved edits parked in localStorage, and
 * React Flow measures nodes in the DOM anyway.
 */
export function WorkflowEditor(props: WorkflowEditorProps) {
  const mounted = useSyncExternalStore(subscribeNothing, () => true, () => false);
  if (!mounted) {
    return (
      <div className="flex h-dvh items-center justify-center text-sm text-muted-foreground" role="status">
        Loading the editor…
      </div>
    );
  }
  return (
    <EditorActionsProvider actions={editorActions}>
      <EditorRoot {...props} />
    </EditorActionsProvider>
  );
}

function EditorRoot({ workspace, workflow, readOnly }: WorkflowEditorProps) {
  const [boot] = useState(() => {
    const backup = readOnly ? null : takeBackup(window.localStorage, workflow.id, workflow.revision);
    const source = (backup as WorkflowGraphInput | null) ?? workflow.graph;
    const flow = graphToFlow(source);
    const store = new EditorStore({ nodes: flow.nodes, edges: flow.edges });
    const recovered = backup !== null && JSON.stringify(flowToGraph(flow.nodes, flow.edges)) !== JSON.stringify(graphToFlowGraph(workflow.graph));
    return { store, recovered };
  });
  const context = useMemo(() => ({ ...workspace, names: summaryNames(workspace) }), [workspace]);

  return (
    <EditorContextProvider value={context}>
      <EditorStoreProvider store={boot.store}>
        <ReactFlowProvider>
          <ReentryProvider initial={workflow.allowReentry}>
            <RunHistoryProvider>
              <EditorLayout workflow={workflow} readOnly={readOnly} store={boot.store} recovered={boot.recovered} />
            </RunHistoryProvider>
          </ReentryProvider>
        </ReactFlowProvider>
      </EditorStoreProvider>
    </EditorContextProvider>
  );
}

function graphToFlowGraph(graph: WorkflowGraphInput) {
  const flow = graphToFlow(graph);
  return flowToGraph(flow.nodes, flow.edges);
}

function EditorLayout({ workflow, readOnly, store, recovered }: { workflow: EditorWorkflow; readOnly: boolean; store: EditorStore; recovered: boolean }) {
  const actions = useEditorActions();
  const workspace = useEditorContext();
  const [status, setStatus] = useState<WorkflowStatus>(workflow.status);
  const [lastPublishedAt, setLastPublishedAt] = useState(workflow.lastPublishedAt);
  const [hasLiveVersion, setHasLiveVersion] = useState(workflow.hasLiveVersion);
  const [publishing, setPublishing] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(
    recovered ? { tone: "info", text: "Recovered edits that hadn't been saved when this page was last closed." } : null,
  );
  const addNode = useAddNode();

  useLiveValidation(store, workspace);
  const autosave = useDraftAutosave({
    store,
    actions,
    workspaceId: workspace.workspaceId,
    workflowId: workflow.id,
    revision: workflow.revision,
    saveOnStart: recovered,
    enabled: !readOnly,
  });

  useLiveNodeCounts({ store, workspaceId: workspace.workspaceId, workflowId: workflow.id, enabled: hasLiveVersion });

  useEffect(() => {
    if (!notice || notice.tone === "error") return;
    const timer = setTimeout(() => setNotice(null), 6_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const publish = useCallback(async () => {
    setPublishing(true);
    setNotice(null);
    store.setPublishIssues(null);
    try {
      if (!(await autosave.flush())) {
        setNotice({ tone: "error", text: "The draft couldn't be saved, so it wasn't published." });
        return;
      }
      const result = await actions.publish({ workspaceId: workspace.workspaceId, workflowId: workflow.id, expectedRevision: autosave.revision() });
      if (result.ok) {
        setStatus(result.data.status);
        setLastPublishedAt(result.data.publishedAt);
        setHasLiveVersion(true);
        setNotice({ tone: "success", text: `Published version ${result.data.version}.` });
        return;
      }
      const issues = publishIssuesFrom(result);
      // The goal is no step and live validation does not check it: its problems are a notice.
      if (issues?.length && issues.every((issue) => issue.field === "goal")) setNotice({ tone: "error", text: `${result.error} ${issues.map((issue) => issue.message).join(" ")}` });
      else if (issues?.length) store.setPublishIssues(issues);
      else setNotice({ tone: "error", text: result.error });
    } finally {
      setPublishing(false);
    }
  }, [actions, autosave, store, workspace.workspaceId, workflow.id]);

  const togglePause = useCallback(async () => {
    setPausing(true);
    const result = await actions.setPaused({ workspaceId: workspace.workspaceId, workflowId: workflow.id, paused: status !== "paused" });
    setPausing(false);
    if (result.ok) {
      setStatus(result.data.status);
      setNotice({ tone: "success", text: result.data.status === "paused" ? "Paused: no new contacts enter, runs under way wait." : "Resumed." });
    } else setNotice({ tone: "error", text: result.error });
  }, [actions, status, workspace.workspaceId, workflow.id]);

  const restore = useCallback(
    async (versionId: string): Promise<string | null> => {
      if (!(await autosave.flush())) return "Save the draft first: it has changes that couldn't be saved.";
      const result = await actions.restoreVersion({
        workspaceId: workspace.workspaceId,
        workflowId: workflow.id,
        versionId,
        expectedRevision: autosave.revision(),
      });
      if (!result.ok) return result.error;
      const flow = graphToFlow(result.data.graph);
      store.replaceDocument({ nodes: flow.nodes, edges: flow.edges });
      autosave.adopt(result.data.revision);
      setNotice({ tone: "success", text: "Version restored into the draft. Publish to make it live." });
      return null;
    },
    [actions, autosave, store, workspace.workspaceId, workflow.id],
  );

  const conflict = autosave.status.state === "conflict" ? autosave.status.message : null;

  return (
    <div className="flex h-dvh flex-col">
      <EditorHeader
        name={workflow.name}
        status={status}
        lastPublishedAt={lastPublishedAt}
        hasLiveVersion={hasLiveVersion}
        saveStatus={autosave.status}
        readOnly={readOnly}
        publishing={publishing}
        pausing={pausing}
        onPublish={() => void publish()}
        onTogglePause={() => void togglePause()}
      >
        <GoalSettings initial={workflow.goal} disabled={readOnly} />
        {!readOnly ? <VersionsDialog onRestore={restore} /> : null}
        <RunHistoryButton />
        {!readOnly ? <RunOnContactDialog isLive={hasLiveVersion && status === "live"} beforeRun={autosave.flush} /> : null}
      </EditorHeader>
      {conflict ? <ConflictBanner message={conflict} /> : null}
      {notice ? (
        <InlineStatus tone={notice.tone} className="rounded-none border-x-0 border-t-0">
          {notice.text}
        </InlineStatus>
      ) : null}
      <div className="relative flex min-h-0 flex-1">
        {!readOnly ? (
          <div className="w-60 shrink-0 border-r bg-subtle">
            <Palette onAdd={(type) => addNode(type)} disabled={conflict !== null} />
          </div>
        ) : null}
        <div className="relative min-w-0 flex-1">
          <PublishIssues />
          <WorkflowCanvas readOnly={readOnly || conflict !== null} />
        </div>
        <ConfigPanel readOnly={readOnly || conflict !== null} />
      </div>
    </div>
  );
}
