"use client";

import { useEffect } from "react";
import type { EditorStore } from "./editor-store";
import { editorReads } from "./editor-reads";

function parse(event: Event): { type?: unknown; workflowId?: unknown } | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as { type?: unknown; workflowId?: unknown };
  } catch {
    return null;
  }
}

/** Runs move in batches; one read after a burst of events is enough. */
const COALESCE_MS = 300;

/**
 * Keeps the canvas's step counts current. The engine NOTIFYs once per batch of runs it moves, the
 * workspace's event stream (/api/events, members only) passes that on as a `workflow` event, and
 * this reads the counts again for events about this workflow, coalescing bursts. Every (re)connect
 * (`ready`) and every `resync` reads them too: events sent while the stream was down are gone. No
 * timer polls: EventSource reconnects by itself, and its `ready` catches up.
 */
export function useLiveNodeCounts(options: { store: EditorStore; workspaceId: string; workflowId: string; enabled: boolean }) {
  const { store, workspaceId, workflowId, enabled } = options;

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
    const source = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    source.addEventListener("ready", schedule);
    source.addEventListener("resync", schedule);
    source.addEventListener("workflow", (event) => {
      if (parse(event)?.workflowId === workflowId) schedule();
    });
    // A conversation opening after a reply moves Started / Not started on its Start a Conversation
    // step without moving a run when no Branch waits on it; its event does not say which workflow.
    source.addEventListener("change", (event) => {
      if (parse(event)?.type === "conversation.opened") schedule();
    });
    // No longer a member: the server ended the stream; nothing more will come.
    source.addEventListener("revoked", () => source.close());
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      inFlight?.abort();
      source.close();
    };
  }, [enabled, store, workspaceId, workflowId]);
}
