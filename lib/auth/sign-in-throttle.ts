import { eq, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { signInAttempts } from "../db/schema/platform";

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/** Seconds the caller must still wait before another attempt, or 0. */
export async function secondsLocked(key: string): Promise<number> {
  const [row] = await getDb().select().from(signInAttempts).where(eq(signInAttempts.key, key));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
}

/** Each failure past the free ones doubles the lock, up to 15 minutes. */
export async function recordFailure(key: string): Promise<void> {
  await getDb().execute(sql`
    INSERT INTO sign_in_attempts (key, failures, locked_until, updated_at)
    VALUES (${key}, 1, NULL, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = sign_in_attempts.failures + 1,
      locked_until = CASE WHEN sign_in_attempts.failures + 1 >= ${FREE_FAILURES}
        THEN now() + make_interval(secs => LEAST(${MAX_LOCK_SECONDS}, power(2, sign_in_attempts.failures + 1 - ${FREE_FAILURES})::int))
        ELSE NULL END,
      updated_at = now()`);
}

export async function clearFailures(key: string): Promise<void> {
  await getDb().delete(signInAttempts).where(eq(signInAttempts.key, key));
}
