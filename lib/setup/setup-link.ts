import { and, eq, isNull, sql } from "drizzle-orm";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import type { Database, DbOrTx } from "@/lib/db/client";
import { oneTimeTokens } from "@/lib/db/schema/accounts";
import { users } from "@/lib/db/schema/workspaces";

/** How long a printed setup link works, unless a later start prints a newer one (or someone uses it). */
export const SETUP_LINK_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Taken by whoever issues a setup link or completes the setup: one of them at a time. */
export const SETUP_LOCK = 727_276;

export async function hasAnyUser(db: DbOrTx): Promise<boolean> {
  const [found] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(found);
}

export function setupUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/setup?token=${encodeURIComponent(token)}`;
}

/**
 * A fresh setup link while the database has no user (null once anyone has an account). Each
 * start prints a new one and the older links stop working, so only the latest printed link (in
 * the latest start's output) can create the first owner.
 */
export async function issueSetupLink(db: Database, baseUrl: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (await hasAnyUser(tx)) return null;
    await tx
      .update(oneTimeTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(oneTimeTokens.purpose, "setup"), isNull(oneTimeTokens.usedAt)));
    const { token } = await issueOneTimeToken(tx, { purpose: "setup", ttlSeconds: SETUP_LINK_TTL_SECONDS });
    return setupUrl(baseUrl, token);
  });
}
