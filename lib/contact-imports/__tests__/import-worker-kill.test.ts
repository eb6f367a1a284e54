import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { useTestDatabase } from "@/lib/testing/test-database";
import { killWorker, spawnWorker, type WorkerProcess } from "@/lib/testing/child-processes";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { IMPORT_BATCH_ROWS } from "@/lib/contact-imports/import-limits";
import { contactsOf, field, importRow, importWorkspace, start, upload } from "./import-fixtures";

const { url } = await useTestDatabase();
const workers: WorkerProcess[] = [];
const lockers: pg.Client[] = [];
afterAll(async () => {
  for (const locker of lockers) await locker.end().catch(() => {});
  for (const worker of workers) await killWorker(worker);
});

describe("an import whose worker is killed mid-batch", () => {
  it("resumes from its last checkpoint in another worker and writes every row exactly once", { timeout: 180_000 }, async () => {
    const { admin, workspaceId } = await importWorkspace();
    const rows = IMPORT_BATCH_ROWS * 3 + 7;
    // The third batch updates a contact that this test holds locked: the first worker stops
    // there, inside that batch's transaction, with two batches committed. No timing involved.
    const lockedRow = IMPORT_BATCH_ROWS * 2 + 5;
    const [held] = await getDb().insert(contacts).values({ workspaceId, email: `p${lockedRow}@example.com`, firstName: "Before" }).returning();
    const csv = ["email,first_name", ...Array.from({ length: rows }, (_, i) => `p${i + 1}@example.com,Person ${i + 1}`)].join("\n");
    const { importId } = await upload(admin, csv);

    const locker = new pg.Client({ connectionString: url });
    // Dropped with the test database if the test fails before releasing it: not an uncaught error.
    locker.on("error", () => {});
    lockers.push(locker);
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("SELECT 1 FROM contacts WHERE id = $1 FOR UPDATE", [held!.id]);

    const first = spawnWorker(url);
    workers.push(first);
    await first.ready;
    await start(admin, importId, { mapping: [field("email"), field("first_name")], matchBy: "email", existing: "update", tag: "imported" });
    // The worker is inside the third batch, waiting for the locked contact.
    await waitFor(
      async () => {
        const waiting = await getDb().execute(sql`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE contacts c SET%' AND pid <> pg_backend_pid()`);
        return waiting.rows.length > 0;
      },
      { timeoutMs: 90_000, what: "the worker to reach the locked contact" },
    );
    expect(await importRow(importId)).toMatchObject({ status: "running", rowsDone: IMPORT_BATCH_ROWS * 2 });
    await killWorker(first);
    await locker.query("ROLLBACK");
    await locker.end();

    const second = spawnWorker(url);
    workers.push(second);
    await second.ready;
    const done = await waitFor(async () => {
      const job = await importRow(importId);
      return job.status === "completed" && job;
    }, { timeoutMs: 120_000, what: "the import to complete in the second worker" });

    expect(done).toMatchObject({ rowsDone: rows, created: rows - 1, updated: 1, skipped: 0, failed: 0 });
    const all = await contactsOf(workspaceId);
    expect(all).toHaveLength(rows);
    expect(new Set(all.map((c) => c.email)).size).toBe(rows);
    expect(all.every((c) => c.tags.length === 1 && c.tags[0] === "imported")).toBe(true);
    expect(all.find((c) => c.id === held!.id)?.firstName).toBe(`Person ${lockedRow}`);
  });
});
