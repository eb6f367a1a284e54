import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { oneTimeTokens, type OneTimeToken, type OneTimeTokenPurpose } from "@/lib/db/schema/accounts";
import { generateSecretToken, hashSecretToken, looksLikeSecretToken } from "./secret-token";

/**
 * Issues a single-use token for a purpose. A new one replaces the person's earlier unused ones of
 * the same purpose (only the latest reset link works). Returns the token: the caller mails or
 * prints it, and it is never readable again.
 */
export async function issueOneTimeToken(
  db: DbOrTx,
  input: { purpose: OneTimeTokenPurpose; userId?: string | null; email?: string | null; ttlSeconds: number },
): Promise<{ token: string; id: string }> {
  if (input.userId) await revokeOneTimeTokens(db, input.userId, input.purpose);
  const { token, hash } = generateSecretToken();
  const [row] = await db
    .insert(oneTimeTokens)
    .values({
      purpose: input.purpose,
      tokenHash: hash,
      userId: input.userId ?? null,
      email: input.email ?? null,
      expiresAt: sql`now() + make_interval(secs => ${input.ttlSeconds})`,
    })
    .returning({ id: oneTimeTokens.id });
  return { token, id: row!.id };
}

const usable = (purpose: OneTimeTokenPurpose, token: string) =>
  and(eq(oneTimeTokens.tokenHash, hashSecretToken(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, sql`now()`));

/** The token's record while it can still be used (to show its form), without using it up. */
export async function findUsableToken(db: DbOrTx, purpose: OneTimeTokenPurpose, token: unknown): Promise<OneTimeToken | null> {
  if (!looksLikeSecretToken(token)) return null;
  const [row] = await db.select().from(oneTimeTokens).where(usable(purpose, token));
  return row ?? null;
}

/**
 * Uses the token up, in one statement: of two requests racing with the same token, exactly one
 * gets its record; an expired, used or unknown token gets null.
 */
export async function redeemOneTimeToken(db: DbOrTx, purpose: OneTimeTokenPurpose, token: unknown): Promise<OneTimeToken | null> {
  if (!looksLikeSecretToken(token)) return null;
  const [row] = await db.update(oneTimeTokens).set({ usedAt: sql`now()` }).where(usable(purpose, token)).returning();
  return row ?? null;
}

/** Uses up a person's unused tokens of a purpose (their reset links, once the password changed). */
export async function revokeOneTimeTokens(db: DbOrTx, userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}
