"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { EditorActions } from "./editor-actions";

const EditorActionsContext = createContext<EditorActions | null>(null);

export function EditorActionsProvider({ actions, children }: { actions: EditorActions; children: ReactNode }) {
  return <EditorActionsContext.Provider value={actions}>{children}</EditorActionsContext.Provider>;
}

export function useEditorActions(): EditorActions {
  const actions = useContext(EditorActionsContext);
  if (!actions) throw new Error("useEditorActions must be used inside EditorActionsProvider");
  return actions;
}
