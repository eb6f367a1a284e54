"use client";

import { useEffect, useRef, useState } from "react";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import { AutosaveController, type AutosaveStatus } from "./autosave-controller";
import type { EditorActions } from "./editor-actions";
import type { EditorStore } from "./editor-store";
import { clearBackup, writeBackup } from "./draft-backup";
import { flowToGraph } from "./graph-mapping";

export function readGraph(store: EditorStore): WorkflowGraphInput {
  const { nodes, edges } = store.getState();
  return flowToGraph(nodes, edges);
}

/**
 * Saves the draft a moment after each edit. If the page goes away before that moment, the unsaved
 * graph is parked in localStorage and picked up by the next load of this workflow.
 */
export function useDraftAutosave(options: {
  store: EditorStore;
  actions: EditorActions;
  workspaceId: string;
  workflowId: string;
  revision: number;
  /** The loaded graph differs from the server's (a recovered backup): save it straight away. */
  saveOnStart: boolean;
  enabled: boolean;
}) {
  const { store, actions, workspaceId, workflowId, enabled } = options;
  const [status, setStatus] = useState<AutosaveStatus>({ state: "saved" });
  const controllerRef = useRef<AutosaveController<WorkflowGraphInput> | null>(null);
  const initial = useRef({ revision: options.revision, saveOnStart: options.saveOnStart });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AutosaveController<WorkflowGraphInput>({
      revision: initial.current.revision,
      read: () => readGraph(store),
      save: async (graph, expectedRevision) => {
        const result = await actions.saveDraft({ workspaceId, workflowId, graph, expectedRevision });
        return result.ok ? { ok: true, revision: result.data.revision } : { ok: false, code: result.code, error: result.error };
      },
      onStatus: setStatus,
      onSaved: () => clearBackup(window.localStorage, workflowId),
    });
    controllerRef.current = controller;
    if (initial.current.saveOnStart) {
      // The backup's graph is what the store holds; compare against the server's instead.
      controller.adopt(initial.current.revision, { nodes: [], edges: [] });
      initial.current.saveOnStart = false;
      controller.notifyChange();
    }

    let lastVersion = store.getState().docVersion;
    const unsubscribe = store.subscribe(() => {
      const version = store.getState().docVersion;
      if (version === lastVersion) return;
      lastVersion = version;
      controller.notifyChange();
    });
    const park = () => {
      if (controller.hasUnsavedChanges && controller.currentStatus.state !== "conflict") {
        writeBackup(window.localStorage, workflowId, controller.currentRevision, readGraph(store));
      }
    };
    window.addEventListener("pagehide", park);
    window.addEventListener("beforeunload", park);
    return () => {
      park();
      unsubscribe();
      window.removeEventListener("pagehide", park);
      window.removeEventListener("beforeunload", park);
      controller.dispose();
      controllerRef.current = null;
    };
  }, [store, actions, workspaceId, workflowId, enabled]);

  return {
    status,
    flush: () => controllerRef.current?.flush() ?? Promise.resolve(false),
    adopt: (revision: number) => controllerRef.current?.adopt(revision, readGraph(store)),
    revision: () => controllerRef.current?.currentRevision ?? initial.current.revision,
  };
}
