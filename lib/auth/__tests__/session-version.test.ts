import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// The session cookie is what is simulated; the account and its session version are real rows.
const current: { session: { user: { id: string }; sessionVersion: number } | null } = { session: null };
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => current.session }));

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();
const { getDb } = await import("@/lib/db/client");
const { users } = await import("@/lib/db/schema/workspaces");
const { getSessionUser } = await import("@/lib/auth/session");

describe("session versions", () => {
  it("ends every session signed before the account's password changed", async () => {
    const [user] = await getDb().insert(users).values({ email: `v-${randomUUID()}@example.com`, name: "V" }).returning();
    current.session = { user: { id: user!.id }, sessionVersion: 0 };
    expect(await getSessionUser()).toMatchObject({ id: user!.id });
    await getDb().update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user!.id));
    // getSessionUser is cached per request (React cache); a new request reads it again.
    vi.resetModules();
    const fresh = await import("@/lib/auth/session");
    expect(await fresh.getSessionUser()).toBeNull();
    current.session = { user: { id: user!.id }, sessionVersion: 1 };
    expect(await fresh.getSessionUser()).toMatchObject({ id: user!.id });
  });
});
