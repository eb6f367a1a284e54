import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

const options = { nonce: "bm9uY2Utb25lLXR3by10aHJlZQ==", https: false, development: false };

describe("security headers", () => {
  it("forbids framing app pages, runs only nonced scripts, and lets no inline <style> or script in", () => {
    const headers = securityHeaders({ kind: "app-page" }, options);
    const csp = headers["Content-Security-Policy"]!;
    expect(csp).toContain(`script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'`);
    expect(csp).toContain(`style-src 'self' 'nonce-${options.nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/(script-src|style-src) [^;]*'unsafe-(inline|eval)'/);
    expect(headers).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("lets a chat page be framed by its channel's websites only, by anyone when none are listed, and by nobody when there is no chat", () => {
    const listed = securityHeaders({ kind: "chat-page", allowedOrigins: ["https://shop.example", "https://*.example.org"] }, options);
    expect(listed["Content-Security-Policy"]).toContain("frame-ancestors https://shop.example https://*.example.org");
    expect(listed["X-Frame-Options"]).toBeUndefined();
    expect(contentSecurityPolicy({ kind: "chat-page", allowedOrigins: [] }, options)).not.toContain("frame-ancestors");
    expect(contentSecurityPolicy({ kind: "chat-page", allowedOrigins: null }, options)).toContain("frame-ancestors 'none'");
  });

  it("adds HSTS and upgrades requests over https, and allows eval only to the development server", () => {
    const https = securityHeaders({ kind: "app-page" }, { ...options, https: true });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ kind: "app-page" }, { ...options, development: true })).toContain("'unsafe-eval'");
  });

  it("locks everything else (API JSON, scripts) down to nothing", () => {
    expect(securityHeaders({ kind: "other" }, options)["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it("makes a new nonce every time", () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
