"use client";

import { createContext, useCallback, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { formatDateTime } from "@/lib/time/format-date-time";
import { FALLBACK_TIME_ZONE, parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/time/time-zone";

const TimeZoneContext = createContext<string>(FALLBACK_TIME_ZONE);

const subscribe = () => () => {};
let browserZone: string | null | undefined;
function readBrowserZone(): string | null {
  browserZone ??= parseTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return browserZone;
}

function cookieZone(): string | null {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${TIME_ZONE_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(TIME_ZONE_COOKIE.length + 1)) : null;
}

/**
 * The zone every date below is shown in. The server renders with `timeZone` (the viewer's cookie,
 * else UTC) and hydration uses the same, so the text matches; right after, the browser's own zone
 * takes over and goes into the cookie, so the next server render already uses it. Rendering after
 * mount alone would flash UTC on every page; the cookie limits that to a first visit.
 */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const zone = useSyncExternalStore(subscribe, () => readBrowserZone() ?? timeZone, () => timeZone);
  useEffect(() => {
    if (cookieZone() !== zone) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }, [zone]);
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** formatDateTime in the viewer's zone. */
export function useFormatDateTime(): (value: Date | string | null | undefined) => string {
  const zone = useTimeZone();
  return useCallback((value) => formatDateTime(value, zone), [zone]);
}
