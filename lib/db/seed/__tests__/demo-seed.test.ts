import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { ACME_WORKSPACE_ID, DEMO_PASSWORD, GLOBEX_WORKSPACE_ID } from "@/lib/db/seed/demo-identities";

await useTestDatabase();

const count = async (query: ReturnType<typeof sql>) => (await getDb().execute<{ n: number }>(query)).rows[0]?.n;

describe("demo seed", () => {
  it("creates the demo workspaces once, however often it runs", async () => {
    expect(await seedDemoData(getDb())).toBe(true);
    expect(await seedDemoData(getDb())).toBe(false);
    expect(await count(sql`SELECT count(*)::int AS n FROM workspaces`)).toBe(2);
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${ACME_WORKSPACE_ID}`)).toBe(200);
  });

  it("gives Acme the enterprise plan, Globex the free plan, and four Acme agents with avatars", async () => {
    const plans = await getDb().execute<{ id: string; plan: string }>(sql`SELECT id, plan FROM workspaces ORDER BY name`);
    expect(plans.rows).toEqual([
      { id: ACME_WORKSPACE_ID, plan: "enterprise" },
      { id: GLOBEX_WORKSPACE_ID, plan: "free" },
    ]);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id
                      WHERE m.workspace_id = ${ACME_WORKSPACE_ID} AND u.avatar_url IS NOT NULL`),
    ).toBe(4);
    expect(await count(sql`SELECT count(*)::int AS n FROM teams WHERE name IN ('Support', 'Sales')`)).toBe(2);
  });

  it("stores demo passwords hashed, and the printed password works", async () => {
    const row = (await getDb().execute<{ password_hash: string }>(sql`SELECT password_hash FROM users WHERE email = 'alex@acme.test'`)).rows[0];
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(DEMO_PASSWORD, row!.password_hash)).toBe(true);
    expect(await verifyPassword("wrong", row!.password_hash)).toBe(false);
  });

  it("has contacts older than 30 days, recent ones, and ones who never talked to us", async () => {
    const buckets = await getDb().execute<{ recent: number; old: number; never: number }>(sql`
      SELECT count(*) FILTER (WHERE last_conversation_opened_at > now() - interval '30 days')::int AS recent,
             count(*) FILTER (WHERE last_conversation_opened_at <= now() - interval '30 days')::int AS old,
             count(*) FILTER (WHERE last_conversation_opened_at IS NULL)::int AS never
      FROM contacts WHERE workspace_id = ${ACME_WORKSPACE_ID}`);
    const { recent, old, never } = buckets.rows[0]!;
    expect(recent).toBeGreaterThan(30);
    expect(old).toBeGreaterThan(30);
    expect(never).toBeGreaterThan(30);
  });

  it("opens a few inbound conversations with messages", async () => {
    expect(await count(sql`SELECT count(*)::int AS n FROM conversations WHERE origin = 'inbound' AND opened_at IS NOT NULL`)).toBe(5);
    expect(await count(sql`SELECT count(*)::int AS n FROM messages`)).toBeGreaterThanOrEqual(5);
  });
});
