"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { CONTACT_SEEN, CONTACT_TYPING, NOTIFICATION_EVENT, PRESENCE_WINDOW_EVENT, sendInboxEvent, type PresenceDetail } from "@/components/inbox/inbox-events";

export type LiveStatus = "connecting" | "live" | "offline";
/**
 * What the workspace's stream says that a page may react to. `ready` after a resume (the stream
 * picked up from its Last-Event-ID and replayed what was missed) needs no read; `ready` on a fresh
 * connection and `resync` (too much missed) do. `workflow`: a workflow's runs moved (the editor's
 * step counts), never a reason to re-render the inbox.
 */
export type LiveMessage =
  | { type: "ready"; resumed: boolean }
  | { type: "resync" }
  | { type: "change"; event: string | null; conversationId: string | null }
  | { type: "workflow"; workflowId: string };
type LiveListener = (message: LiveMessage) => void;

/** The latest typing and seen news of a conversation, as the stream brought it (kept for a thread that mounts later). */
export type ConversationPresence = { contactTypingAt: number; seenMessageId: string | null };
const NO_PRESENCE: ConversationPresence = { contactTypingAt: 0, seenMessageId: null };

const LiveStreamContext = createContext<{
  status: LiveStatus;
  subscribe: (listener: LiveListener) => () => void;
  presenceOf: (conversationId: string) => ConversationPresence;
} | null>(null);

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
  // Typing and seen arrive whenever the contact acts, also before the thread that shows them has
  // mounted (the agent just clicked the conversation): kept here, so the thread starts from them.
  const presence = useRef(new Map<string, ConversationPresence>());

  useEffect(() => {
    const emit = (message: LiveMessage) => {
      for (const listener of listeners.current) listener(message);
    };
    const source = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    source.addEventListener("ready", (message) => {
      const { resumed } = JSON.parse(message.data) as { resumed?: boolean };
      setStatus("live");
      emit({ type: "ready", resumed: resumed === true });
    });
    source.addEventListener("change", (message) => {
      const { type, conversationId, notification } = JSON.parse(message.data) as { type?: string; conversationId?: string | null; notification?: unknown };
      emit({ type: "change", event: type ?? null, conversationId: conversationId ?? null });
      if (notification) sendInboxEvent(NOTIFICATION_EVENT, notification);
    });
    source.addEventListener("workflow", (message) => {
      const { workflowId } = JSON.parse(message.data) as { workflowId?: string };
      if (workflowId) emit({ type: "workflow", workflowId });
    });
    source.addEventListener("resync", () => emit({ type: "resync" }));
    // Typing and seen go to the open thread (components/inbox/contact-presence.tsx), not to a refresh.
    source.addEventListener("presence", (event) => {
      const detail = JSON.parse((event as MessageEvent<string>).data) as PresenceDetail;
      if (detail.conversationId) {
        const known = presence.current.get(detail.conversationId) ?? NO_PRESENCE;
        if (detail.type === CONTACT_TYPING) presence.current.set(detail.conversationId, { ...known, contactTypingAt: Date.now() });
        if (detail.type === CONTACT_SEEN && detail.messageId) presence.current.set(detail.conversationId, { ...known, seenMessageId: detail.messageId });
      }
      sendInboxEvent(PRESENCE_WINDOW_EVENT, detail);
    });
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
  const presenceOf = useCallback((conversationId: string) => presence.current.get(conversationId) ?? NO_PRESENCE, []);
  const value = useMemo(() => ({ status, subscribe, presenceOf }), [status, subscribe, presenceOf]);

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
