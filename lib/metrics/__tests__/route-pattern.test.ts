import path from "node:path";
import { describe, expect, it } from "vitest";
import { appDirectoryRoutes, loadRoutePatternMatcher } from "@/lib/metrics/route-pattern";

const APP = path.resolve(import.meta.dirname, "../../../app");

// `npm run dev` writes a routes manifest without routes: the latency histogram must still name
// every request by its route, read from the app directory, never "unmatched" and never the raw path.
describe("route patterns without a built manifest (npm run dev)", () => {
  const match = loadRoutePatternMatcher(path.join(import.meta.dirname, "no-such-build"), APP);

  it("names this app's requests by the route they reach", () => {
    expect(match("/api/chat/5b3c1f0e-1111-4a2b-9c3d-000000000001/messages")).toBe("/api/chat/[channelId]/messages");
    expect(match("/api/v1/conversations")).toBe("/api/v1/conversations");
    expect(match("/api/v1/conversations/5b3c1f0e-1111-4a2b-9c3d-000000000001")).toBe("/api/v1/conversations/[conversationId]");
    expect(match("/api/events")).toBe("/api/events");
    expect(match("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    // Route groups add nothing to the path; a static segment wins over a dynamic one.
    expect(match("/sign-in")).toBe("/sign-in");
    expect(match("/")).toBe("/");
    expect(match("/w1/contacts/import")).toBe("/[workspaceId]/contacts/import");
    expect(match("/w1/contacts/c1")).toBe("/[workspaceId]/contacts/[contactId]");
    expect(match("/chat/embed.js")).toBe("/chat/embed.js");
    expect(match("/chat/c1")).toBe("/chat/[channelId]");
    expect(match("/_next/static/chunks/x.js")).toBe("/_next");
    expect(match("/w1/no/such/page/here")).toBe("unmatched");
  });

  it("leaves out private folders and keeps static routes apart from dynamic ones", () => {
    const routes = appDirectoryRoutes(APP);
    const pages = [...routes.staticRoutes!, ...routes.dynamicRoutes!].map((route) => route.page);
    expect(pages.some((page) => page.includes("_components") || page.includes("("))).toBe(false);
    expect(routes.staticRoutes!.every((route) => !route.page.includes("["))).toBe(true);
    expect(routes.dynamicRoutes!.every((route) => route.page.includes("["))).toBe(true);
  });
});
