"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { useLiveStream, type LiveMessage } from "@/components/live/live-stream";

const COALESCE_MS = 120;
// An event this recent may have been rendered by neither the navigation that just finished (its
// data was fetched earlier) nor the refresh it triggered (superseded by that navigation).
const RACE_WINDOW_MS = 3_000;

/**
 * Keeps the inbox current: every change in the workspace (a contact's reply, another agent's
 * action) arrives on the workspace's live stream (components/live/live-stream.tsx, open on every
 * page) and re-renders the server components (list, counts, thread) in place. Bursts are
 * coalesced into one refresh; a fresh connection and a resync refresh too, since events sent
 * before the stream subscribed are gone (a resumed one replays them as changes instead), and so
 * does arriving in the inbox while the stream is already
 * live (an event between this page's server render and now); a navigation that lands right
 * after an event refreshes once more. Rendered by the inbox layout so it outlives navigations
 * between views and conversations.
 */
export function LiveRefresh() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { status, subscribe } = useLiveStream();
  const lastEventAt = useRef(0);
  // The router object is not stable across navigations.
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  const liveAtMount = useRef(status === "live");

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = (message?: LiveMessage) => {
      if (message?.type === "workflow" || (message?.type === "ready" && message.resumed)) return;
      lastEventAt.current = Date.now();
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        routerRef.current.refresh();
      }, COALESCE_MS);
    };
    if (liveAtMount.current) refresh();
    const unsubscribe = subscribe(refresh);
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe]);

  const location = `${pathname}?${searchParams.toString()}`;
  useEffect(() => {
    if (Date.now() - lastEventAt.current < RACE_WINDOW_MS) routerRef.current.refresh();
  }, [location]);

  return null;
}
