"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { NOTIFICATION_EVENT, PRESENCE_WINDOW_EVENT, sendInboxEvent } from "@/components/inbox/inbox-events";

export type LiveStatus = "connecting" | "live" | "offline";
/** What the workspace's stream says that a page may react to (the inbox re-renders on each). */
export type LiveMessage = { type: "ready" } | { type: "resync" } | { type: "change"; conversationId: string | null };
type LiveListener = (message: LiveMessage) => void;

const LiveStreamContext = createContext<{ status: LiveStatus; subscribe: (listener: LiveListener) => () => void } | null>(null);

/**
 * THE live connection of a tab on a workspace (app/api/events), opened once by the workspace
 * layout so it stays open on every signed-in page, not only the inbox: the agent's notifications
 * (desktop and tab title, LiveNotifier) and their "active in the app" both come from it wherever
 * they are. What concerns the agent personally and typing/seen go out as window events
 * (NOTIFICATION_EVENT, PRESENCE_WINDOW_EVENT); pages that re-render on changes (the inbox's
 * LiveRefresh) subscribe here.
 */
export function LiveStreamProvider({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Set<LiveListener>());

  useEffect(() => {
    const emit = (message: LiveMessage) => {
      for (const listener of listeners.current) listener(message);
    };
    const source = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    source.addEventListener("ready", () => {
      setStatus("live");
      emit({ type: "ready" });
    });
    source.addEventListener("change", (message) => {
      const { conversationId, notification } = JSON.parse(message.data) as { conversationId?: string | null; notification?: unknown };
      emit({ type: "change", conversationId: conversationId ?? null });
      if (notification) sendInboxEvent(NOTIFICATION_EVENT, notification);
    });
    source.addEventListener("resync", () => emit({ type: "resync" }));
    // Typing and seen go to the open thread (components/inbox/contact-presence.tsx), not to a refresh.
    source.addEventListener("presence", (event) => sendInboxEvent(PRESENCE_WINDOW_EVENT, JSON.parse((event as MessageEvent<string>).data)));
    // No longer a member: stop listening, and let the server render what this user may now see.
    source.addEventListener("revoked", () => {
      source.close();
      setStatus("offline");
      routerRef.current.refresh();
    });
    source.onerror = () => setStatus("offline");
    return () => source.close();
  }, [workspaceId]);

  const subscribe = useCallback((listener: LiveListener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);

  return (
    <LiveStreamContext.Provider value={value}>
      <span className="sr-only" data-live-status={status} role="status">
        {status === "offline" ? "Live updates paused; reconnecting…" : ""}
      </span>
      {children}
    </LiveStreamContext.Provider>
  );
}

export function useLiveStream() {
  const value = useContext(LiveStreamContext);
  if (!value) throw new Error("useLiveStream needs the workspace layout's LiveStreamProvider.");
  return value;
}
