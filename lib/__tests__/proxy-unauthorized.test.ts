import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { runWithRequestContext } from "@/lib/logging/request-context";
import { proxy } from "@/proxy";

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
