import type { DbOrTx } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { countInSlidingWindow } from "@/lib/limits/sliding-window";

export type AttemptLimit = {
  /** What is counted, e.g. "invitation.workspace" or "password_reset.address". */
  bucket: string;
  /** Whose attempts: a workspace id, a lower-cased address… */
  key: string;
  max: number;
  windowSeconds: number;
};

/**
 * Counts one attempt against its key's last windowSeconds (a sliding window shared by every
 * process; two racing attempts never both take the last slot), and refuses (429 rate_limited) past
 * the limit, saying when to try again. The attempt counts even when refused.
 */
export async function assertWithinLimit(db: DbOrTx, limit: AttemptLimit, what: string): Promise<void> {
  const { count, retryAfterSeconds } = await countInSlidingWindow(db, "attempt_windows", [limit.bucket, limit.key], limit.windowSeconds);
  if (count > limit.max) {
    const retryAfter = retryAfterSeconds(limit.max);
    const minutes = Math.max(1, Math.ceil(retryAfter / 60));
    throw new SafeError("rate_limited", `Too many ${what} for now. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds: retryAfter });
  }
}
