"use client";

import { useEffect, type RefObject } from "react";
import { parseClipboard, serializeClipboard } from "./clipboard";
import type { EditorStore } from "./editor-store";

export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}

export type ShortcutAction = "undo" | "redo" | "delete" | "select-all" | null;

/**
 * Which editor command a key press means, given where focus is. Copy and paste are not here:
 * they arrive as the browser's copy/paste events, which carry the system clipboard.
 */
export function shortcutFor(
  event: Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey">,
  focus: { editable: boolean; inCanvas: boolean },
): ShortcutAction {
  if (focus.editable || event.altKey) return null;
  const mod = event.metaKey || event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && key === "z") return event.shiftKey ? "redo" : "undo";
  if (mod && key === "y") return "redo";
  // Delete and select-all act on nodes only when the canvas (or nothing) has focus; elsewhere
  // they keep their usual meaning.
  if (!focus.inCanvas) return null;
  if (mod && key === "a") return "select-all";
  if (!mod && (event.key === "Delete" || event.key === "Backspace")) return "delete";
  return null;
}

/** Where focus is, for the clipboard events: only the canvas (or nothing in particular) copies steps. */
function canvasHasFocus(target: EventTarget | null, canvas: HTMLElement | null): boolean {
  if (isEditableTarget(target)) return false;
  if (target instanceof HTMLElement && target.closest("[role=dialog],[role=alertdialog]")) return false;
  return target === document.body || target === document.documentElement || (target instanceof Node && Boolean(canvas?.contains(target)));
}

export function useEditorShortcuts(store: EditorStore, canvas: RefObject<HTMLElement | null>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const target = event.target;
      // Inside a dialog (Run on contact, Versions) the editor's shortcuts stay out of the way.
      if (target instanceof HTMLElement && target.closest("[role=dialog],[role=alertdialog]")) return;
      const action = shortcutFor(event, { editable: isEditableTarget(target), inCanvas: canvasHasFocus(target, canvas.current) });
      if (!action) return;
      event.preventDefault();
      if (action === "undo") store.undo();
      else if (action === "redo") store.redo();
      else if (action === "delete") store.deleteSelection();
      else store.selectAll();
    }
    function onCopy(event: ClipboardEvent) {
      if (!canvasHasFocus(event.target, canvas.current) || (window.getSelection()?.toString() ?? "") !== "") return;
      const content = store.copy();
      if (!content || !event.clipboardData) return;
      event.clipboardData.setData("text/plain", serializeClipboard(content));
      event.preventDefault();
    }
    function onPaste(event: ClipboardEvent) {
      if (!canvasHasFocus(event.target, canvas.current)) return;
      const content = parseClipboard(event.clipboardData?.getData("text/plain") ?? "");
      if (content && store.paste(content)) event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [store, canvas, enabled]);
}
