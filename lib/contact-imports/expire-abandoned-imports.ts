import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactImportRows, contactImports } from "@/lib/db/schema/contact-imports";

/** How long an uploaded file may wait for its mapping before its staged rows are let go. */
export const ABANDONED_IMPORT_HOURS = 24;

/**
 * Uploaded files nobody went on to import (the tab was closed at the mapping step) are cancelled
 * after ABANDONED_IMPORT_HOURS and their staged rows deleted: a 50 MB file must not stay in the
 * database for ever. The row stays in the import history as cancelled. Returns how many.
 */
export async function expireAbandonedImports(db: DbOrTx): Promise<number> {
  return db.transaction(async (tx) => {
    // SKIP LOCKED: an import being started right now (its row locked) is not abandoned.
    const abandoned = await tx
      .select({ id: contactImports.id })
      .from(contactImports)
      .where(and(eq(contactImports.status, "uploaded"), lt(contactImports.createdAt, sql`now() - make_interval(hours => ${ABANDONED_IMPORT_HOURS})`)))
      .for("update", { skipLocked: true });
    if (abandoned.length === 0) return 0;
    const ids = abandoned.map((row) => row.id);
    await tx.update(contactImports).set({ status: "cancelled", finishedAt: sql`now()` }).where(inArray(contactImports.id, ids));
    await tx.delete(contactImportRows).where(inArray(contactImportRows.importId, ids));
    return ids.length;
  });
}
