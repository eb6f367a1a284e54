import { describe, expect, it, vi } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");

describe("the chat's send limit", () => {
  it("allows 30 messages a minute per contact, counted in the database that every web process shares", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [ada, bob] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }, { firstName: "Bob" }])) as [string, string];
    const first = await import("@/lib/chat/message-rate-limit");
    for (let sent = 0; sent < 30; sent++) await first.consumeChatSend(getDb(), ada);
    await expect(first.consumeChatSend(getDb(), ada)).rejects.toMatchObject({ status: 429, code: "rate_limited" });
    await expect(first.consumeChatSend(getDb(), bob)).resolves.toBeUndefined();

    // A fresh copy of the module (as in another web process) sees the same count.
    vi.resetModules();
    const other = await import("@/lib/chat/message-rate-limit");
    expect(other).not.toBe(first);
    await expect(other.consumeChatSend(getDb(), ada)).rejects.toMatchObject({ status: 429 });
  });
});
