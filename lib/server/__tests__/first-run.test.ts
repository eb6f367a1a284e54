import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { describeDatabase, seedsDemo, startBanner, wayIn } from "@/lib/server/first-run";
import { setupPageState } from "@/lib/setup/first-run-setup";
import { useTestDatabase } from "@/lib/testing/test-database";

await useTestDatabase();
const db = getDb();
const URL_ = "https://parley.example.com";

const banner = async () => startBanner({ url: "http://localhost:3000", worker: true, database: "PostgreSQL at DATABASE_URL", wayIn: await wayIn(db, URL_) });

// A fresh install before each: no workspace, no account (and so no token, nothing that hangs off them).
beforeEach(async () => {
  await db.execute(sql`TRUNCATE workspaces, users CASCADE`);
});

describe("whether npm start seeds the demo", () => {
  it.each([
    [undefined, true, true],
    [undefined, false, false],
    [true, false, true],
    [true, true, true],
    [false, true, false],
    [false, false, false],
  ] as const)("PARLEY_SEED=%s, embedded database: %s → %s", (parleySeed, embedded, expected) => {
    expect(seedsDemo(parleySeed, { embedded })).toBe(expected);
  });
});

describe("the start banner", () => {
  it("with no account yet, prints a setup link on the public URL, never the demo credentials, and a new link on each start", async () => {
    const first = await banner();
    const link = first.match(/^ {2}(https:\/\/parley\.example\.com\/setup\?token=[A-Za-z0-9_-]{43})$/m)?.[1];
    expect(link, first).toBeTruthy();
    expect(first).toContain("Parley is running on http://localhost:3000  (web + worker)");
    expect(first).not.toContain(DEMO_USERS[0].email);
    expect(first).not.toContain(DEMO_PASSWORD);
    expect(await setupPageState(db, new URL(link!).searchParams.get("token"))).toBe("form");

    const second = await banner();
    const next = second.match(/setup\?token=([A-Za-z0-9_-]{43})/)?.[1];
    expect(next).toBeTruthy();
    expect(await setupPageState(db, new URL(link!).searchParams.get("token"))).toBe("unusable_link");
    expect(await setupPageState(db, next)).toBe("form");
  });

  it("prints the demo credentials when the demo was seeded, on this start or an earlier one", async () => {
    await seedDemoData(db);
    for (let start = 0; start < 2; start++) {
      const text = await banner();
      expect(text).toContain(`Sign in with:  ${DEMO_USERS[0].email}`);
      expect(text).toContain(`Password:      ${DEMO_PASSWORD}`);
      expect(text).not.toContain("/setup");
    }
  });

  it("once someone has an account and there is no demo, says where to sign in, with no credentials and no link", async () => {
    await db.insert(users).values({ email: "nora@northwind.example", name: "Nora" });
    const text = await banner();
    expect(text).toContain(`Sign in at:    ${URL_}/sign-in`);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain("/setup");
  });

  it("says where the embedded database is, and why when it is not where it was asked to be", () => {
    expect(describeDatabase(null)).toBe("PostgreSQL at DATABASE_URL");
    expect(describeDatabase({ directory: "/srv/parley/.data/postgres", relocation: null, runAs: null })).toBe("embedded PostgreSQL in /srv/parley/.data/postgres");
    const moved = describeDatabase({
      directory: "/var/lib/parley/postgres-0123456789abcdef",
      relocation: { requested: "/root/parley/.data/postgres", blockedAt: "/root" },
      runAs: { name: "postgres", uid: 101, gid: 104 },
    });
    expect(moved).toContain("embedded PostgreSQL in /var/lib/parley/postgres-0123456789abcdef");
    expect(moved).toContain("not in /root/parley/.data/postgres: PostgreSQL runs as the `postgres` user, who cannot enter /root");
  });
});
