import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { attemptWindows } from "@/lib/db/schema/accounts";
import { SafeError } from "@/lib/errors";

export type AttemptLimit = {
  /** What is counted, e.g. "invitation.workspace" or "password_reset.address". */
  bucket: string;
  /** Whose attempts: a workspace id, a lower-cased address… */
  key: string;
  max: number;
  windowSeconds: number;
};

/**
 * Counts one attempt in its key's current fixed window, shared by every process (one upsert; the
 * row is the lock, so two racing attempts never both take the last slot), and refuses (429
 * rate_limited) past the limit, saying when to try again. The attempt counts even when refused.
 */
export async function assertWithinLimit(db: DbOrTx, limit: AttemptLimit, what: string): Promise<void> {
  const [row] = await db
    .insert(attemptWindows)
    .values({ bucket: limit.bucket, key: limit.key, windowStart: sql`to_timestamp(floor(extract(epoch FROM now()) / ${limit.windowSeconds}) * ${limit.windowSeconds})`, count: 1 })
    .onConflictDoUpdate({ target: [attemptWindows.bucket, attemptWindows.key, attemptWindows.windowStart], set: { count: sql`${attemptWindows.count} + 1` } })
    .returning({ count: attemptWindows.count, resetSeconds: sql<number>`ceil(extract(epoch FROM ${attemptWindows.windowStart} + make_interval(secs => ${limit.windowSeconds}) - now()))::int` });
  if (row!.count > limit.max) {
    const minutes = Math.max(1, Math.ceil(row!.resetSeconds / 60));
    throw new SafeError("rate_limited", `Too many ${what} for now. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds: row!.resetSeconds });
  }
}
