"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { NOTIFICATION_EVENT } from "@/components/inbox/inbox-events";
import type { LiveNotification } from "@/lib/notifications/live-notification";
import { unreadTitle } from "./unread-title";

const CHANNEL = "parley-notifications";
const LEADER_LOCK = "parley-notifications-leader";
/** How long a notification's key is remembered, so a reconnect's replay or a second event about it shows nothing new. */
const SEEN_KEYS_MS = 10 * 60_000;

type TabMessage = { type: "seen" };

const isLooking = () => document.visibilityState === "visible" && document.hasFocus();

/**
 * The agent's notifications, on every page of the app: fed by the tab's live stream
 * (components/live/live-stream.tsx passes on each event the server marked as concerning this
 * agent). Mounted once by the workspace layout. Two things:
 * - the tab title counts the conversations that got news while this tab was not looked at, and
 *   every tab clears it once the agent looks at any of them (a BroadcastChannel message);
 * - a desktop notification, if the agent allowed them, shown by ONE tab: every tab hears the
 *   same event on its own stream, so the tabs elect a leader with the Web Locks API (the lock is
 *   held until that tab closes, then passes to another by itself, with no heartbeat), and only
 *   the leader shows it. The notification's tag is the event's key as well, so should two tabs
 *   ever both show one (a browser without Web Locks), the browser replaces rather than stacks.
 */
export function LiveNotifier({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());
  const leader = useRef(false);

  useEffect(() => {
    if (!("locks" in navigator)) {
      leader.current = true;
      return;
    }
    const abort = new AbortController();
    navigator.locks
      .request(LEADER_LOCK, { signal: abort.signal }, () => {
        leader.current = true;
        // Held for as long as this tab lives.
        return new Promise<void>((resolve) => abort.signal.addEventListener("abort", () => resolve()));
      })
      .catch(() => undefined);
    return () => {
      leader.current = false;
      abort.abort();
    };
  }, []);

  useEffect(() => {
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    const seenKeys = new Map<string, number>();
    const clear = () => setUnread((current) => (current.size === 0 ? current : new Set()));
    const looked = () => {
      if (!isLooking()) return;
      clear();
      channel?.postMessage({ type: "seen" } satisfies TabMessage);
    };
    if (channel) channel.onmessage = (message: MessageEvent<TabMessage>) => message.data?.type === "seen" && clear();

    const onNotification = (event: Event) => {
      const notification = (event as CustomEvent<LiveNotification>).detail;
      const now = Date.now();
      for (const [key, at] of seenKeys) if (now - at > SEEN_KEYS_MS) seenKeys.delete(key);
      if (seenKeys.has(notification.key)) return;
      seenKeys.set(notification.key, now);
      if (isLooking()) return;
      setUnread((current) => new Set(current).add(notification.conversationId));
      if (!leader.current || !notification.desktop || typeof Notification === "undefined" || Notification.permission !== "granted") return;
      const shown = new Notification(notification.title, { body: notification.body, tag: notification.key });
      shown.onclick = () => {
        window.focus();
        routerRef.current.push(`/${workspaceId}/inbox/all/c/${notification.conversationId}`);
        shown.close();
      };
    };

    window.addEventListener(NOTIFICATION_EVENT, onNotification);
    window.addEventListener("focus", looked);
    document.addEventListener("visibilitychange", looked);
    return () => {
      window.removeEventListener(NOTIFICATION_EVENT, onNotification);
      window.removeEventListener("focus", looked);
      document.removeEventListener("visibilitychange", looked);
      channel?.close();
    };
  }, [workspaceId]);

  // Next rewrites the title on every navigation: keep the count in front of whatever it is.
  const count = unread.size;
  useEffect(() => {
    const apply = () => {
      const next = unreadTitle(document.title, count);
      if (next !== document.title) document.title = next;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = unreadTitle(document.title, 0);
    };
  }, [count]);

  return (
    <span className="sr-only" role="status">
      {count > 0 ? `${count} conversation${count === 1 ? "" : "s"} with news` : ""}
    </span>
  );
}
