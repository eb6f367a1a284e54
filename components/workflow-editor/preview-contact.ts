"use client";

import { useCallback, useSyncExternalStore } from "react";
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/**
 * The contact the builder chose to preview a workflow's messages with: one per workflow, shared by
 * every preview of it, kept in localStorage so it is the same contact on the next visit. Without
 * a choice the server picks the contact with values for most of the message's variables.
 */
export type PreviewContactChoice = { id: string; name: string };

const choiceSchema = z.object({ id: uuidSchema, name: z.string() });
const key = (workflowId: string) => `parley:preview-contact:${workflowId}`;
const listeners = new Set<() => void>();
// useSyncExternalStore compares snapshots by identity: the parsed value is kept per raw string.
const parsed = new Map<string, PreviewContactChoice | null>();

function read(workflowId: string): PreviewContactChoice | null {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(key(workflowId));
  } catch {
    return null;
  }
  if (raw === null) return null;
  if (!parsed.has(raw)) {
    let value: unknown = null;
    try {
      value = JSON.parse(raw);
    } catch {
      // ignore: an unreadable choice is no choice
    }
    const choice = choiceSchema.safeParse(value);
    parsed.set(raw, choice.success ? choice.data : null);
  }
  return parsed.get(raw) ?? null;
}

function write(workflowId: string, choice: PreviewContactChoice | null): void {
  try {
    if (choice) window.localStorage.setItem(key(workflowId), JSON.stringify(choice));
    else window.localStorage.removeItem(key(workflowId));
  } catch {
    // Quota or privacy mode: the choice then lasts until the page is left.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function usePreviewContact(workflowId: string): [PreviewContactChoice | null, (choice: PreviewContactChoice | null) => void] {
  const choice = useSyncExternalStore(
    subscribe,
    () => read(workflowId),
    () => null,
  );
  const choose = useCallback((next: PreviewContactChoice | null) => write(workflowId, next), [workflowId]);
  return [choice, choose];
}
