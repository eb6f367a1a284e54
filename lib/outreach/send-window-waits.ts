import { parseTimeZone } from "@/lib/time/time-zone";
import { nextWindowOpening, type SendWindow } from "./send-window";

/** The zone a contact's send window is read in: their time zone attribute if it names a zone, else the workspace's. */
export function contactTimeZone(attributes: Record<string, unknown> | undefined, attribute: string, workspaceTimeZone: string): string {
  const value = attributes?.[attribute];
  return (typeof value === "string" && parseTimeZone(value.trim())) || workspaceTimeZone;
}

/**
 * The runs that must wait for the window to open, each with the seconds to wait (rounded up, so
 * the deadline never comes before the opening; one that did would only wait again). Runs inside
 * the window are absent. `now` is the caller's clock, so a test can fix it.
 */
export function sendWindowWaits(
  window: SendWindow,
  workspaceTimeZone: string,
  runs: readonly { runId: string; attributes: Record<string, unknown> | undefined }[],
  now: Date,
): Map<string, number> {
  const waits = new Map<string, number>();
  for (const run of runs) {
    const opening = nextWindowOpening(window, contactTimeZone(run.attributes, window.timeZoneAttribute, workspaceTimeZone), now);
    if (opening) waits.set(run.runId, Math.max(1, Math.ceil((opening.getTime() - now.getTime()) / 1_000)));
  }
  return waits;
}
