import { sql } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db/client";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";

/**
 * Waits until a statement of this test's database whose text matches `pattern` (SQL LIKE) is
 * blocked on a lock: how a concurrency test knows its second transaction has reached the lock
 * the first one holds, without sleeping.
 */
export async function waitUntilBlockedOnLock(pattern: string, what: string): Promise<void> {
  await waitFor(
    async () => {
      const blocked = await getDb().execute(sql`
        SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ${pattern}`);
      return blocked.rows.length > 0;
    },
    { timeoutMs: 20_000, intervalMs: 20, what },
  );
}

/**
 * Runs `work` in a transaction and keeps it open, its locks held, until `release()`: how a
 * concurrency test makes a second statement meet them. Resolves once `work` is done; `committed`
 * settles with the transaction.
 */
export async function holdTransactionOpen<T>(work: (tx: Tx) => Promise<T>): Promise<{ release: () => void; committed: Promise<T> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let done!: () => void;
  const workDone = new Promise<void>((resolve) => (done = resolve));
  const committed = getDb().transaction(async (tx) => {
    const result = await work(tx);
    done();
    await gate;
    return result;
  });
  // A transaction that fails before its work is done rejects here instead of hanging.
  await Promise.race([workDone, committed]);
  return { release, committed };
}
