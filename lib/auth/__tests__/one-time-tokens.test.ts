import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findUsableToken, issueOneTimeToken, redeemOneTimeToken } from "@/lib/auth/one-time-tokens";
import { getDb } from "@/lib/db/client";
import { oneTimeTokens } from "@/lib/db/schema/accounts";
import { users } from "@/lib/db/schema/workspaces";
import { useTestDatabase } from "@/lib/testing/test-database";

await useTestDatabase();

const aUser = async () => (await getDb().insert(users).values({ email: `u-${randomUUID()}@example.com`, name: "U" }).returning())[0]!.id;

describe("one-time tokens", () => {
  it("keeps only a hash, and are used up by their first redemption", async () => {
    const userId = await aUser();
    const { token, id } = await issueOneTimeToken(getDb(), { purpose: "password_reset", userId, ttlSeconds: 3600 });
    const [stored] = await getDb().select().from(oneTimeTokens).where(eq(oneTimeTokens.id, id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await findUsableToken(getDb(), "password_reset", token)).toMatchObject({ id, userId });
    expect(await redeemOneTimeToken(getDb(), "email_change", token)).toBeNull();
    expect(await redeemOneTimeToken(getDb(), "password_reset", token)).toMatchObject({ id, userId });
    expect(await redeemOneTimeToken(getDb(), "password_reset", token)).toBeNull();
    expect(await findUsableToken(getDb(), "password_reset", token)).toBeNull();
  });

  it("lets exactly one of two simultaneous redemptions through", async () => {
    const { token } = await issueOneTimeToken(getDb(), { purpose: "setup", ttlSeconds: 3600 });
    const results = await Promise.all([redeemOneTimeToken(getDb(), "setup", token), redeemOneTimeToken(getDb(), "setup", token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses an expired token, a malformed one and an unknown one", async () => {
    const { token, id } = await issueOneTimeToken(getDb(), { purpose: "setup", ttlSeconds: 3600 });
    await getDb().update(oneTimeTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(oneTimeTokens.id, id));
    expect(await redeemOneTimeToken(getDb(), "setup", token)).toBeNull();
    expect(await redeemOneTimeToken(getDb(), "setup", "short")).toBeNull();
    expect(await redeemOneTimeToken(getDb(), "setup", "A".repeat(43))).toBeNull();
  });

  it("replaces a person's earlier unused token of the same purpose", async () => {
    const userId = await aUser();
    const first = await issueOneTimeToken(getDb(), { purpose: "password_reset", userId, ttlSeconds: 3600 });
    const second = await issueOneTimeToken(getDb(), { purpose: "password_reset", userId, ttlSeconds: 3600 });
    expect(await redeemOneTimeToken(getDb(), "password_reset", first.token)).toBeNull();
    expect(await redeemOneTimeToken(getDb(), "password_reset", second.token)).not.toBeNull();
  });
});
