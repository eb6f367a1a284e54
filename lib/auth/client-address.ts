/**
 * Who is asking, for attempt limits on signed-out forms: the first X-Forwarded-For address (the
 * proxy in front of Parley sets it), or "local". It can be forged, so every limit keyed by it
 * also has one keyed by the account or address that cannot be.
 */
export function clientAddress(forwardedFor: string | string[] | null | undefined): string {
  return (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(",")[0]?.trim() || "local";
}
