import { describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { sessionCookieName } = await import("@/lib/chat/session-token");
const endRoute = await import("@/app/chat/[channelId]/end/route");
const embedRoute = await import("@/app/chat/embed.js/route");

describe("ending a chat session (the embed snippet's shutdown)", () => {
  it("clears the chat's session cookie on its path", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const response = await endRoute.GET(new Request(`http://localhost:3000/chat/${ws.chatChannelId}/end`), {
      params: Promise.resolve({ channelId: ws.chatChannelId }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${sessionCookieName(ws.chatChannelId)}=;`);
    expect(cookie).toMatch(/Max-Age=0/i);
    expect(cookie).toContain(`Path=/chat/${ws.chatChannelId}`);
  });

  it("is a 404 for a channel that is not a chat", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const response = await endRoute.GET(new Request(`http://localhost:3000/chat/${ws.smsChannelId}/end`), { params: Promise.resolve({ channelId: ws.smsChannelId }) });
    expect(response.status).toBe(404);
  });

  it("is offered by the embed snippet as Parley(\"shutdown\")", async () => {
    const script = await embedRoute.GET().text();
    expect(script).toContain("window.Parley = function (command)");
    expect(script).toContain('"/end"');
  });
});
