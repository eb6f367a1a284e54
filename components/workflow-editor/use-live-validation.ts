"use client";

import { useEffect } from "react";
import { parseWorkflowGraph } from "@/lib/workflow/graph-schema";
import { validateGraphInWorkspace } from "@/lib/workflow/validate-graph-in-workspace";
import type { ValidationContext } from "@/lib/workflow/validation-context";
import type { EditorWorkspace } from "./editor-context";
import type { EditorStore } from "./editor-store";
import { readGraph } from "./use-draft-autosave";

export function validationContextFor(workspace: EditorWorkspace): ValidationContext {
  return {
    plan: workspace.plan,
    memberUserIds: new Set(workspace.members.map((member) => member.id)),
    teamIds: new Set(workspace.teams.map((team) => team.id)),
    roundRobinTeamIds: new Set(workspace.teams.filter((team) => team.roundRobin).map((team) => team.id)),
    channels: new Map(workspace.channels.map((channel) => [channel.id, { kind: channel.kind, isDefault: channel.isDefault }])),
    customAttributeKeys: workspace.customAttributeKeys,
  };
}

/**
 * Runs the same validation publish runs, in the browser, shortly after each edit, so every node
 * wears its problems before anyone presses Publish. The server still re-checks on publish.
 */
export function useLiveValidation(store: EditorStore, workspace: EditorWorkspace, delayMs = 300) {
  useEffect(() => {
    const context = validationContextFor(workspace);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      const parsed = parseWorkflowGraph(readGraph(store));
      store.setIssues(parsed.ok ? validateGraphInWorkspace(parsed.graph, context) : parsed.issues);
    };
    // The first pass waits for the browser to be idle, so opening a big workflow isn't held up by it.
    timer = setTimeout(run, 0);
    let lastVersion = store.getState().docVersion;
    const unsubscribe = store.subscribe(() => {
      const version = store.getState().docVersion;
      if (version === lastVersion) return;
      lastVersion = version;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, workspace, delayMs]);
}
