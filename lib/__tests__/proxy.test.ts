import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { runWithRequestContext } from "@/lib/logging/request-context";
import { PUBLIC_API, routeAccess } from "@/lib/auth/route-access";
import { config, proxy } from "@/proxy";

// The front door's own refusal is an error body like every other: code, message and the request's id.
describe("the proxy's 401 for a private API route without a session", () => {
  it("carries the request id npm start's server gave the request, in the body and the header", async () => {
    const response = await runWithRequestContext({ requestId: "req-proxy-test-1" }, () =>
      proxy(new NextRequest("http://localhost:3000/api/events?workspaceId=x", { headers: { "x-request-id": "req-proxy-test-1" } })),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toBe("req-proxy-test-1");
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue.", requestId: "req-proxy-test-1" } });
  });

  it("takes a sane X-Request-Id from the caller when no server context is there, and replaces one that is not", async () => {
    const given = await proxy(new NextRequest("http://localhost:3000/api/events", { headers: { "x-request-id": "lb-1234567890" } }));
    expect((await given.json()).error.requestId).toBe("lb-1234567890");
    const hostile = await proxy(new NextRequest("http://localhost:3000/api/events", { headers: { "x-request-id": "bad id; with spaces" } }));
    const body = await hostile.json();
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.headers.get("x-request-id")).toBe(body.error.requestId);
  });
});

describe("the proxy's answer on the way through", () => {
  it("lets a public API request go on as it came, with the security headers of an API answer", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/api/chat/00000000-0000-4000-8000-000000000000/messages", { method: "POST" }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    // No request header is handed on changed (no nonce: nothing is rendered).
    expect(response.headers.get("x-middleware-override-headers")).toBeNull();
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeNull();
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("hands a page its nonce, in the request it renders and in the answer's policy", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const nonce = response.headers.get("x-middleware-request-x-nonce");
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
  });
});

describe("where the proxy runs (its matcher)", () => {
  // Next's own reading of the matcher.
  const runsOn = (pathname: string) => unstable_doesMiddlewareMatch({ config, url: pathname });

  it("on pages and on the API routes that need a session", () => {
    for (const pathname of ["/", "/sign-in", "/chat/abc", "/chat/embed.js", "/w/acme/inbox", "/api/events", "/api/workspaces/w1/contacts", "/api/auth/session", "/api/chatter", "/api/v1x"]) {
      expect(runsOn(pathname), pathname).toBe(true);
    }
  });

  it("not on public API routes, uploads or static assets: they check their own callers", () => {
    for (const pathname of [
      "/api/chat/c1/messages",
      "/api/chat/c1/events",
      "/api/chat/c1/attachments",
      "/api/sms/twilio/ch1",
      "/api/v1/conversations",
      "/api/health",
      "/api/metrics",
      "/api/email/ch1/inbound",
      "/api/avatars/u1",
      "/api/attachments/a1",
      "/api/workspaces/w1/contact-import-uploads",
      "/api/workspaces/w1/conversations/c1/attachments",
      "/_next/static/chunks/app.js",
      "/favicon.ico",
      "/logo.svg",
    ]) {
      expect(runsOn(pathname), pathname).toBe(false);
    }
  });

  it("skips exactly the public API routes of lib/auth/route-access.ts, next-auth's own excepted", () => {
    for (const prefix of PUBLIC_API) {
      expect(runsOn(`${prefix}/x`), prefix).toBe(prefix === "/api/auth");
      expect(routeAccess(`${prefix}/x`), prefix).toBe("public");
    }
    // The private routes it skips are the two uploads, which check their own session.
    expect(routeAccess("/api/workspaces/w1/contact-import-uploads")).toBe("api");
    expect(runsOn("/api/workspaces/w1/contact-import-uploads")).toBe(false);
  });
});
