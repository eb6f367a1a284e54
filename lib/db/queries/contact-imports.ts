import "server-only";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/lib/db/client";
import { contactImportFailures, contactImportRows, contactImports, type ContactImport } from "@/lib/db/schema/contact-imports";

/** What the progress bar shows (polled by the page, so a reload or a second tab reads the same). */
export type ContactImportProgress = Pick<ContactImport, "id" | "status" | "fileName" | "totalRows" | "rowsDone" | "created" | "updated" | "skipped" | "failed">;

export function importProgress(row: ContactImport): ContactImportProgress {
  const { id, status, fileName, totalRows, rowsDone, created, updated, skipped, failed } = row;
  return { id, status, fileName, totalRows, rowsDone, created, updated, skipped, failed };
}

export async function getContactImport(db: DbOrTx, workspaceId: string, importId: string): Promise<ContactImport | null> {
  const [row] = await db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.id, importId), eq(contactImports.workspaceId, workspaceId)));
  return row ?? null;
}

export async function listContactImports(db: DbOrTx, workspaceId: string, limit = 10): Promise<ContactImport[]> {
  return db.select().from(contactImports).where(eq(contactImports.workspaceId, workspaceId)).orderBy(desc(contactImports.createdAt)).limit(limit);
}

/** The file's first rows as parsed (the import's id is the caller's, already scoped to its workspace). */
export async function previewImportRows(db: DbOrTx, importId: string, limit: number): Promise<{ line: number; cells: string[] }[]> {
  return db
    .select({ line: contactImportRows.line, cells: contactImportRows.cells })
    .from(contactImportRows)
    .where(eq(contactImportRows.importId, importId))
    .orderBy(asc(contactImportRows.rowNo))
    .limit(limit);
}

export async function listImportFailures(db: DbOrTx, importId: string, limit: number, afterRowNo = 0) {
  return db
    .select({ rowNo: contactImportFailures.rowNo, line: contactImportFailures.line, reason: contactImportFailures.reason, cells: contactImportFailures.cells })
    .from(contactImportFailures)
    .where(and(eq(contactImportFailures.importId, importId), gt(contactImportFailures.rowNo, afterRowNo)))
    .orderBy(asc(contactImportFailures.rowNo))
    .limit(limit);
}

const FAILURE_PAGE = 1_000;

/**
 * The rows that failed, as a CSV a person can fix and import again: the file's own columns, then
 * its line number and the reason. Streamed a page at a time, never built whole.
 */
export function failuresCsvStream(db: DbOrTx, job: ContactImport): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A BOM, so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${stringify([[...job.columns, "Line", "Reason"]])}`));
        return;
      }
      const page = await listImportFailures(db, job.id, FAILURE_PAGE, after);
      if (page.length === 0) return controller.close();
      after = page.at(-1)!.rowNo;
      const width = job.columns.length;
      controller.enqueue(encoder.encode(stringify(page.map((row) => [...Array.from({ length: width }, (_, i) => row.cells[i] ?? ""), String(row.line), row.reason]))));
    },
  });
}
