/**
 * Who is asking, for attempt limits on signed-out forms: the LAST X-Forwarded-For address, the one
 * the proxy in front of Parley appended for the connection it received (earlier entries are
 * whatever the caller sent, so a script could name a new "client" on every request), or "local"
 * without a proxy. Even so it is only as good as that proxy, so every limit keyed by it also has
 * one keyed by what cannot be forged (the account or address) and one for everybody at once.
 */
export function clientAddress(forwardedFor: string | string[] | null | undefined): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const hops = (header ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? "local";
}
