/**
 * THE security headers of every response, by what it is: an app page (never framed), the public
 * chat page (framed only by its channel's allowed websites), or anything else (API JSON, the
 * embed script). Pages get a Content-Security-Policy with a per-request nonce: Next puts it on
 * its own inline scripts, and nothing inline runs or styles without it.
 */
export type ResponseKind = { kind: "app-page" } | { kind: "chat-page"; allowedOrigins: readonly string[] | null } | { kind: "other" };

export type SecurityHeaderOptions = { nonce: string; https: boolean; development: boolean };

function frameAncestors(kind: ResponseKind): string | null {
  if (kind.kind === "chat-page") {
    // null: no such chat (the page is a 404); empty: the channel lets any website frame it.
    if (kind.allowedOrigins === null) return "'none'";
    return kind.allowedOrigins.length === 0 ? null : kind.allowedOrigins.join(" ");
  }
  return "'none'";
}

export function contentSecurityPolicy(kind: ResponseKind, options: SecurityHeaderOptions): string {
  if (kind.kind === "other") return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  const nonce = `'nonce-${options.nonce}'`;
  const ancestors = frameAncestors(kind);
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load (Next's chunks) run; no other script does.
    // The development server also evaluates code for hot reloading.
    `script-src 'self' ${nonce} 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${nonce}`,
    // Style attributes (React Flow's node positions, Radix's popper placement) cannot carry a
    // nonce and cannot run code; <style> elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(ancestors ? [`frame-ancestors ${ancestors}`] : []),
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(kind: ResponseKind, options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(kind, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  // X-Frame-Options cannot list origins: the chat page relies on frame-ancestors alone.
  if (kind.kind !== "chat-page") headers["X-Frame-Options"] = "DENY";
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** Whether the request came over https: to this server, or to the proxy in front that says so. */
export function cameOverHttps(protocol: string, forwardedProto: string | string[] | null | undefined): boolean {
  const forwarded = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  return protocol === "https:" || forwarded?.split(",")[0]?.trim() === "https";
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
