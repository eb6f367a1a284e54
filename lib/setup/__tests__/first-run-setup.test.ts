import { beforeEach, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { oneTimeTokens } = await import("@/lib/db/schema/accounts");
const { auditLog } = await import("@/lib/db/schema/platform");
const { memberships, users, workspaces } = await import("@/lib/db/schema/workspaces");
const { verifyPassword } = await import("@/lib/auth/password");
const { completeSetupAction } = await import("@/lib/actions/setup");
const { issueSetupLink } = await import("@/lib/setup/setup-link");
const { ALREADY_SET_UP, SETUP_LINK_UNUSABLE, setupPageState } = await import("@/lib/setup/first-run-setup");

const db = getDb();

/** What `npm start` prints while nobody has an account, reduced to its token. */
async function printedToken(): Promise<string> {
  const link = await issueSetupLink(db, "http://localhost:3000");
  if (!link) throw new Error("no setup link: someone already has an account");
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe("http://localhost:3000/setup");
  return url.searchParams.get("token")!;
}

const owner = { name: "Nora Owner", email: "Nora@Northwind.example", password: "correct horse battery", workspaceName: "Northwind" };

// A fresh install before each: no workspace, no account (and so no token, nothing that hangs off them).
beforeEach(async () => {
  await db.execute(sql`TRUNCATE workspaces, users CASCADE`);
});

describe("the setup link", () => {
  it("is issued only while nobody has an account, and each new one replaces the last", async () => {
    const first = await printedToken();
    expect(await setupPageState(db, first)).toBe("form");
    const second = await printedToken();
    expect(second).not.toBe(first);
    expect(await setupPageState(db, first)).toBe("unusable_link");
    expect(await setupPageState(db, second)).toBe("form");
    // Stored hashed: the token itself is nowhere in the database.
    const stored = await db.select({ hash: oneTimeTokens.tokenHash }).from(oneTimeTokens);
    expect(stored.map((row) => row.hash)).not.toContain(second);

    await db.insert(users).values({ email: "someone@example.com", name: "Someone" });
    expect(await issueSetupLink(db, "http://localhost:3000")).toBeNull();
  });
});

describe("completing the setup", () => {
  it("creates the first owner (password hashed) and their workspace, and uses the link up", async () => {
    const token = await printedToken();
    const result = await completeSetupAction({ token, ...owner });
    expect(result).toMatchObject({ ok: true, data: { email: "nora@northwind.example" } });
    if (!result.ok) return;

    const [user] = await db.select().from(users);
    expect(user).toMatchObject({ name: "Nora Owner", email: "nora@northwind.example" });
    expect(user!.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(owner.password, user!.passwordHash!)).toBe(true);
    const [workspace] = await db.select().from(workspaces);
    expect(workspace).toMatchObject({ id: result.data.workspaceId, name: "Northwind", deletionStartedAt: null });
    expect(await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships)).toEqual([{ userId: user!.id, role: "owner" }]);
    expect(await db.select({ action: auditLog.action, actorUserId: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.workspaceId, workspace!.id))).toEqual([
      { action: "workspace.created", actorUserId: user!.id },
    ]);

    // After that the page is a 404 whatever the link, and the link works no more.
    expect(await setupPageState(db, token)).toBe("set_up");
    expect(await setupPageState(db, "x".repeat(43))).toBe("set_up");
    expect(await completeSetupAction({ token, ...owner, email: "again@example.com" })).toMatchObject({ ok: false, code: "conflict", error: ALREADY_SET_UP });
    expect(await db.select().from(users)).toHaveLength(1);
  });

  it("refuses an unknown, replaced or expired link, and creates nothing", async () => {
    const replaced = await printedToken();
    const current = await printedToken();
    for (const token of ["not-a-token", "A".repeat(43), replaced]) {
      expect(await completeSetupAction({ token, ...owner })).toEqual({ ok: false, code: "not_found", error: SETUP_LINK_UNUSABLE, details: undefined });
    }
    await db.update(oneTimeTokens).set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await setupPageState(db, current)).toBe("unusable_link");
    expect(await completeSetupAction({ token: current, ...owner })).toMatchObject({ ok: false, code: "not_found", error: SETUP_LINK_UNUSABLE });
    expect(await db.select().from(users)).toEqual([]);
    expect(await db.select().from(workspaces)).toEqual([]);
  });

  it("checks every field and keeps the link usable after a refusal", async () => {
    const token = await printedToken();
    const result = await completeSetupAction({ token, name: " ", email: "nora", password: "short", workspaceName: "" });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: {
        name: ["Enter your name."],
        email: ["Enter an email address like name@example.com."],
        password: ["Use at least 10 characters."],
        workspaceName: ["Give the workspace a name."],
      },
    });
    expect(await setupPageState(db, token)).toBe("form");
    expect((await completeSetupAction({ token, ...owner })).ok).toBe(true);
  });

  it("lets exactly one of two people racing with the same link in; the other is told to sign in", async () => {
    const token = await printedToken();
    const results = await Promise.all([
      completeSetupAction({ token, ...owner, name: "First", email: "first@example.com", workspaceName: "First Co" }),
      completeSetupAction({ token, ...owner, name: "Second", email: "second@example.com", workspaceName: "Second Co" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.find((result) => !result.ok);
    expect(refused).toMatchObject({ ok: false, code: "conflict", error: ALREADY_SET_UP });
    expect(await db.select().from(users)).toHaveLength(1);
    expect(await db.select().from(workspaces)).toHaveLength(1);
  });
});
