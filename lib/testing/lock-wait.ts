import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
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
