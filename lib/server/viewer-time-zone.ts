import "server-only";
import { cookies } from "next/headers";
import { FALLBACK_TIME_ZONE, parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/time/time-zone";

/** The zone the viewer's browser reported (its cookie), else UTC: what the server renders dates in. */
export async function viewerTimeZone(): Promise<string> {
  return parseTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? FALLBACK_TIME_ZONE;
}
