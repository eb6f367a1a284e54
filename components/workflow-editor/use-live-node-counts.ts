"use client";

import { useEffect } from "react";
import { useLiveStream } from "@/components/live/live-stream";
import type { EditorStore } from "./editor-store";
import { editorReads } from "./editor-reads";

/** Runs move in batches; one read after a burst of events is enough. */
const COALESCE_MS = 300;

/**
 * Keeps the canvas's step counts current. The engine NOTIFYs once per batch of runs it moves, the
 * tab's one workspace stream (components/live/live-stream.tsx, opened by the workspace layout)
 * passes that on as a `workflow` message, and this reads the counts again for messages about this
 * workflow, coalescing bursts. A fresh connection and a `resync` read them too (events sent while
 * the stream was down are gone); a resumed one replays what it missed. No timer polls.
 */
export function useLiveNodeCounts(options: { store: EditorStore; workspaceId: string; workflowId: string; enabled: boolean }) {
  const { store, workspaceId, workflowId, enabled } = options;
  const { subscribe } = useLiveStream();

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight: AbortController | null = null;
    let again = false;

    const load = async () => {
      timer = null;
      if (inFlight) {
        // A read is under way and may predate the event: read once more when it is done.
        again = true;
        return;
      }
      inFlight = new AbortController();
      try {
        const result = await editorReads.nodeCounts({ workspaceId, workflowId }, inFlight.signal);
        if (!stopped && result.ok) store.setCounts(new Map(Object.entries(result.data)));
      } catch {
        // Aborted on unmount.
      } finally {
        inFlight = null;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (stopped || timer) return;
      timer = setTimeout(() => void load(), COALESCE_MS);
    };

    void load();
    const unsubscribe = subscribe((message) => {
      if (message.type === "workflow" ? message.workflowId === workflowId : message.type === "resync" || (message.type === "ready" && !message.resumed)) schedule();
      // A conversation opening after a reply moves Started / Not started on its Start a
      // Conversation step without moving a run when no Branch waits on it; its event does not
      // say which workflow.
      else if (message.type === "change" && message.event === "conversation.opened") schedule();
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      inFlight?.abort();
      unsubscribe();
    };
  }, [enabled, store, subscribe, workspaceId, workflowId]);
}
