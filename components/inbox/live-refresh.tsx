"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const COALESCE_MS = 120;

/**
 * Keeps the inbox current: every change in the workspace (a contact's reply, another agent's
 * action) arrives over server-sent events and re-renders the server components (list, counts,
 * thread) in place. Bursts are coalesced into one refresh; a reconnect refreshes too, since
 * events sent while disconnected are gone.
 */
export function LiveRefresh({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<"connecting" | "live" | "offline">("connecting");

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let connectedBefore = false;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, COALESCE_MS);
    };
    const source = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    source.addEventListener("ready", () => {
      if (connectedBefore) refresh();
      connectedBefore = true;
      setStatus("live");
    });
    source.addEventListener("change", refresh);
    source.addEventListener("resync", refresh);
    source.onerror = () => setStatus("offline");
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [workspaceId, router]);

  return (
    <span className="sr-only" data-live-status={status} role="status">
      {status === "offline" ? "Live updates paused; reconnecting…" : ""}
    </span>
  );
}
