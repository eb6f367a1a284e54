import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { signInAttempts } from "@/lib/db/schema/platform";

const FREE_FAILURES = 5;
// Per account, whatever the client: X-Forwarded-For can be forged, so a per-client key alone
// lets a guesser rotate "clients" forever. Generous, so a real user is rarely locked out by others.
const FREE_ACCOUNT_FAILURES = 20;
const MAX_LOCK_SECONDS = 15 * 60;

export type ThrottleKeys = { client: string; account: string };

export function throttleKeys(email: string, client: string): ThrottleKeys {
  return { client: `${email}|${client}`, account: `${email}|*` };
}

/** Seconds the caller must still wait before another attempt, or 0. */
export async function secondsLocked(keys: ThrottleKeys): Promise<number> {
  const rows = await getDb()
    .select()
    .from(signInAttempts)
    .where(inArray(signInAttempts.key, [keys.client, keys.account]));
  const now = Date.now();
  return rows.reduce((wait, row) => {
    if (!row.lockedUntil) return wait;
    return Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now) / 1000));
  }, 0);
}

/** Each failure past the free ones doubles the lock, up to 15 minutes. */
async function recordKeyFailure(key: string, freeFailures: number): Promise<void> {
  await getDb().execute(sql`
    INSERT INTO sign_in_attempts (key, failures, locked_until, updated_at)
    VALUES (${key}, 1, NULL, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = sign_in_attempts.failures + 1,
      locked_until = CASE WHEN sign_in_attempts.failures + 1 >= ${freeFailures}
        THEN now() + make_interval(secs => LEAST(${MAX_LOCK_SECONDS}, power(2, LEAST(30, sign_in_attempts.failures + 1 - ${freeFailures}))::int))
        ELSE NULL END,
      updated_at = now()`);
}

export async function recordFailure(keys: ThrottleKeys): Promise<void> {
  await recordKeyFailure(keys.client, FREE_FAILURES);
  await recordKeyFailure(keys.account, FREE_ACCOUNT_FAILURES);
}

export async function clearFailures(keys: ThrottleKeys): Promise<void> {
  await getDb().delete(signInAttempts).where(inArray(signInAttempts.key, [keys.client, keys.account]));
}

