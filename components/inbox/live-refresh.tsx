"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { NOTIFICATION_EVENT, PRESENCE_WINDOW_EVENT, sendInboxEvent } from "./inbox-events";

const COALESCE_MS = 120;
// An event this recent may have been rendered by neither the navigation that just finished (its
// data was fetched earlier) nor the refresh it triggered (superseded by that navigation).
const RACE_WINDOW_MS = 3_000;

/**
 * Keeps the inbox current: every change in the workspace (a contact's reply, another agent's
 * action) arrives over server-sent events and re-renders the server components (list, counts,
 * thread) in place. Bursts are coalesced into one refresh; every (re)connect refreshes too, since
 * events sent before the stream subscribed are gone; and a navigation that lands right after an
 * event refreshes once more. Rendered by the inbox layout so one stream outlives navigations
 * between views and conversations.
 */
export function LiveRefresh({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [status, setStatus] = useState<"connecting" | "live" | "offline">("connecting");
  const lastEventAt = useRef(0);
  // The router object is not stable across navigations; a stream keyed on it would be closed and
  // reopened on every navigation, losing the events sent in between.
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      lastEventAt.current = Date.now();
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        routerRef.current.refresh();
      }, COALESCE_MS);
    };
    const source = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    // Every "ready" refreshes, the first one included: what was rendered before this stream
    // subscribed (the page's own server render, or everything while it was disconnected) may
    // have missed events that no stream will ever resend.
    source.addEventListener("ready", () => {
      refresh();
      setStatus("live");
    });
    source.addEventListener("change", (message) => {
      refresh();
      const { notification } = JSON.parse(message.data) as { notification?: unknown };
      if (notification) sendInboxEvent(NOTIFICATION_EVENT, notification);
    });
    source.addEventListener("resync", refresh);
    // Typing and seen go to the open thread (components/inbox/contact-presence.tsx), not to a refresh.
    source.addEventListener("presence", (event) => window.dispatchEvent(new CustomEvent(PRESENCE_WINDOW_EVENT, { detail: JSON.parse((event as MessageEvent<string>).data) })));
    // No longer a member: stop listening, and let the server render what this user may now see.
    source.addEventListener("revoked", () => {
      source.close();
      setStatus("offline");
      routerRef.current.refresh();
    });
    source.onerror = () => setStatus("offline");
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [workspaceId]);

  const location = `${pathname}?${searchParams.toString()}`;
  useEffect(() => {
    if (Date.now() - lastEventAt.current < RACE_WINDOW_MS) routerRef.current.refresh();
  }, [location]);

  return (
    <span className="sr-only" data-live-status={status} role="status">
      {status === "offline" ? "Live updates paused; reconnecting…" : ""}
    </span>
  );
}
