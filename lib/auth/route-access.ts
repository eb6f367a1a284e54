/**
 * Which requests the proxy lets through without a session. Everything else needs one: API
 * routes answer 401 JSON, pages redirect to sign-in. Pages and routes still check membership
 * and roles themselves; this is only the front door.
 */
// /setup checks its own single-use token, and is a 404 once anyone has an account; /invite is
// accepting an invitation, before the person has an account; the password pages work signed out;
// /unsubscribe is a contact opening an email's signed unsubscribe link.
const PUBLIC_PAGES = ["/sign-in", "/sign-out", "/chat", "/setup", "/invite", "/forgot-password", "/reset-password", "/confirm-email", "/unsubscribe"];
export const PUBLIC_API = [
  "/api/auth", // next-auth's own endpoints (sign-in, callback, csrf, session)
  "/api/health",
  "/api/metrics", // a scraper's bearer token (PARLEY_METRICS_TOKEN), checked by the route
  "/api/v1", // authenticated by workspace API keys, not sessions
  "/api/chat", // used by contacts on the public chat page
  "/api/sms", // SMS provider webhooks, verified by the provider's signature
  "/api/email", // inbound mail webhooks (the channel's secret) and signed unsubscribe links
  "/api/avatars", // people's avatars, shown to contacts in the chat
  "/api/attachments", // attachments by signed, expiring URL (webhooks, the API, the chat page)
];

export type RouteAccess = "public" | "api" | "page";

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function routeAccess(pathname: string): RouteAccess {
  if (under(pathname, "/api")) return PUBLIC_API.some((p) => under(pathname, p)) ? "public" : "api";
  return PUBLIC_PAGES.some((p) => under(pathname, p)) ? "public" : "page";
}
