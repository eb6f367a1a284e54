import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contactAttributeDefinitions } from "@/lib/db/schema/contact-attributes";
import { contactImportRows } from "@/lib/db/schema/contact-imports";
import { contacts } from "@/lib/db/schema/contacts";
import { auditLog } from "@/lib/db/schema/platform";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { useTestDatabase } from "@/lib/testing/test-database";
import { cancelContactImport, previewContactImport } from "@/lib/contact-imports/contact-imports";
import { uploadContactImport } from "@/lib/contact-imports/csv-upload";
import { IMPORT_BATCH_ROWS, IMPORT_MAX_BYTES, STAGE_BATCH_ROWS } from "@/lib/contact-imports/import-limits";
import { runContactImportBatch } from "@/lib/contact-imports/import-batch";
import { createChatChannel } from "@/lib/channels/chat-channels";
import { message } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { attribute, chunked, contactsOf, field, importRow, importWorkspace, runToEnd, start, upload } from "./import-fixtures";

await useTestDatabase();
const { failuresCsvStream, listImportFailures } = await import("@/lib/db/queries/contact-imports");

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SafeError);
  return error as SafeError;
};

describe("the upload", () => {
  it("reads UTF-8 with a BOM and semicolons, and keeps the header's first name clean", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    const csv = "\uFEFFfirst_name;last_name;email\r\nZoë;Ångström;zoe@example.com\r\n\"Ann; the second\";Lee;ann@example.com\r\n";
    const { importId, totalRows } = await upload(admin, csv);
    expect(totalRows).toBe(2);
    const job = await importRow(importId);
    expect(job.delimiter).toBe(";");
    expect(job.columns).toEqual(["first_name", "last_name", "email"]);
    await start(admin, importId, { mapping: [field("first_name"), field("last_name"), field("email")], matchBy: "email", existing: "update" });
    await runToEnd(system, importId);
    const names = (await contactsOf(workspaceId)).map((c) => `${c.firstName} ${c.lastName} <${c.email}>`).sort();
    expect(names).toEqual(["Ann; the second Lee <ann@example.com>", "Zoë Ångström <zoe@example.com>"]);
  });

  it("reads commas without a BOM", async () => {
    const { admin } = await importWorkspace();
    const { importId } = await upload(admin, 'email,tags\na@example.com,"vip;beta"\n');
    expect((await importRow(importId)).delimiter).toBe(",");
    const [row] = await getDb().select().from(contactImportRows).where(eq(contactImportRows.importId, importId));
    expect(row!.cells).toEqual(["a@example.com", "vip;beta"]);
  });

  it("refuses bytes that are not UTF-8 and a NUL, with the line, and keeps nothing", async () => {
    const { admin, workspaceId } = await importWorkspace();
    const latin1 = new Uint8Array([...new TextEncoder().encode("email,name\na@example.com,Jos"), 0xe9, 0x0a]);
    const notUtf8 = await refusal(upload(admin, latin1));
    expect(notUtf8.code).toBe("invalid_text");
    expect(notUtf8.message).toMatch(/not UTF-8 text \(near line 2\)/);
    const nul = await refusal(upload(admin, "email,name\na@example.com,ok\nb@example.com,b\u0000d\n"));
    expect(nul.code).toBe("invalid_text");
    expect(nul.message).toMatch(/NUL character .* line 3/);
    // No import (and so no staged row: they belong to one) was left in this workspace.
    expect((await getDb().query.contactImports.findMany({ where: (t, { eq: is }) => is(t.workspaceId, workspaceId) })).length).toBe(0);
  });

  it("refuses an empty file and a header without rows", async () => {
    const { admin } = await importWorkspace();
    expect((await refusal(upload(admin, ""))).message).toMatch(/empty/);
    expect((await refusal(upload(admin, "email,name\n\n"))).message).toMatch(/no contacts/);
  });

  it("streams a 50 MB file: rows are staged a batch at a time while the body is still being read", { timeout: 180_000 }, async () => {
    const { admin } = await importWorkspace();
    const header = "first_name,last_name,email,phone,plan\n";
    const line = (n: number) => `Person${n},Lastname${n},person${n}@example.com,+1415555${String(n % 10_000).padStart(4, "0")},pro-plan-with-some-padding-${n}\n`;
    const rowBytes = Buffer.byteLength(line(9_999_999));
    // As many rows as fit under the limit, whatever their exact widths.
    let rows = 0;
    for (let size = header.length; size + Buffer.byteLength(line(rows)) <= IMPORT_MAX_BYTES; rows++) size += Buffer.byteLength(line(rows));
    let produced = 0;
    // The body is generated as it is read: 64 KB at a time, never whole.
    async function* body() {
      let buffer = header;
      for (let n = 0; n < rows; n++) {
        buffer += line(n);
        if (buffer.length >= 64 * 1024) {
          const bytes = new TextEncoder().encode(buffer);
          produced += bytes.byteLength;
          yield bytes;
          buffer = "";
        }
      }
      const rest = new TextEncoder().encode(buffer);
      produced += rest.byteLength;
      yield rest;
    }
    const readAtBatch: number[] = [];
    const { totalRows, stats } = await runService(admin, uploadContactImport, { fileName: "big.csv", body: body(), onBatch: () => readAtBatch.push(produced) });
    expect(stats.bytes).toBeGreaterThan(45 * 1024 * 1024);
    expect(stats.bytes).toBeLessThanOrEqual(IMPORT_MAX_BYTES);
    expect(totalRows).toBe(rows);
    // No batch is larger than STAGE_BATCH_ROWS, and each was written while the body was being
    // read: when batch k was staged, at most a few batches' worth of the file had been read.
    expect(stats.largestBatch).toBeLessThanOrEqual(STAGE_BATCH_ROWS);
    expect(stats.batches).toBe(Math.ceil(rows / STAGE_BATCH_ROWS));
    const batchBytes = STAGE_BATCH_ROWS * rowBytes;
    readAtBatch.forEach((read, k) => expect(read).toBeLessThan((k + 1) * batchBytes + 2 * 1024 * 1024));
  });

  it("refuses a file larger than 50 MB while reading it", { timeout: 120_000 }, async () => {
    const { admin } = await importWorkspace();
    async function* tooLarge() {
      yield new TextEncoder().encode("email\n");
      // Wide rows, so reaching the limit takes few of them.
      const chunk = new TextEncoder().encode(`${"x".repeat(1_000)}@example.com\n`.repeat(1_000));
      for (let sent = 0; sent <= IMPORT_MAX_BYTES; sent += chunk.byteLength) yield chunk;
    }
    const error = await refusal(runService(admin, uploadContactImport, { fileName: "huge.csv", body: tooLarge() }));
    expect(error.code).toBe("payload_too_large");
  });

  it("reads the body through its chunks however they are cut (a character split across chunks)", async () => {
    const { admin } = await importWorkspace();
    const csv = "first_name,email\nZoë,z@example.com\nÅsa,a@example.com\n";
    const { importId } = await runService(admin, uploadContactImport, { fileName: "x.csv", body: chunked(csv, 1) });
    const rows = await getDb().select().from(contactImportRows).where(eq(contactImportRows.importId, importId));
    expect(rows.map((r) => r.cells[0])).toEqual(["Zoë", "Åsa"]);
  });
});

describe("an import", () => {
  it("lists failing rows with their line number and reason, downloadable as CSV, and writes the rest", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    await getDb().insert(contactAttributeDefinitions).values({ workspaceId, key: "seats", label: "Seats", type: "number" });
    const csv = [
      "first_name,email,phone,seats,notes",
      'Ada,ada@example.com,+14155550101,3,"two',
      'lines"',
      "Bob,not-an-email,+14155550102,4,",
      "Cy,cy@example.com,12345,5,",
      "Di,di@example.com,+14155550104,many,",
      "Ed,ed@example.com,,7,",
      'Fay,fay@example.com,,eight,"three',
      "",
      'lines"',
    ].join("\n");
    const { importId } = await upload(admin, csv);
    await start(admin, importId, {
      mapping: [field("first_name"), field("email"), field("phone"), attribute("seats"), { kind: "new_attribute", key: "notes", label: "Notes", type: "text" }],
      matchBy: "email",
      existing: "update",
    });
    await runToEnd(system, importId);
    const job = await importRow(importId);
    expect(job).toMatchObject({ status: "completed", rowsDone: 6, created: 2, updated: 0, skipped: 0, failed: 4 });
    const failures = await listImportFailures(getDb(), importId, 100);
    expect(failures.map((f) => [f.line, f.reason])).toEqual([
      [4, "email: “not-an-email” is not an email address."],
      [5, "phone: “12345” is not a valid phone number; use international format, e.g. +14155550123."],
      [6, "seats: “many” — Enter a number, like 42 or 3.5."],
      // A row spanning lines is named by the line it starts on.
      [8, "seats: “eight” — Enter a number, like 42 or 3.5."],
    ]);
    const written = await contactsOf(workspaceId);
    expect(written.map((c) => [c.firstName, c.attributes]).sort()).toEqual([
      ["Ada", { seats: 3, notes: "two\nlines" }],
      ["Ed", { seats: 7 }],
    ]);
    // The column made into an attribute got its definition.
    const notes = await getDb().select().from(contactAttributeDefinitions).where(and(eq(contactAttributeDefinitions.workspaceId, workspaceId), eq(contactAttributeDefinitions.key, "notes")));
    expect(notes[0]).toMatchObject({ label: "Notes", type: "text" });
    // The download: the file's columns, then line and reason; staged rows are gone.
    const bytes = new Uint8Array(await new Response(failuresCsvStream(getDb(), job)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\n").slice(0, 2)).toEqual(["first_name,email,phone,seats,notes,Line,Reason", "Bob,not-an-email,+14155550102,4,,4,email: “not-an-email” is not an email address."]);
    expect(await getDb().$count(contactImportRows, eq(contactImportRows.importId, importId))).toBe(0);
  });

  it("updates existing contacts or skips them, by the match rule, and tags what it writes", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    await getDb().insert(contacts).values([
      { workspaceId, email: "Old@Example.com", firstName: "Old", tags: ["customer"], attributes: { plan: "free", city: "Oslo" } },
      { workspaceId, externalId: "crm-2", firstName: "Two", tags: [] },
    ]);
    const csv = "email,first_name,plan,external_id\nold@example.com,Renamed,pro,\nnew@example.com,New,,\n";
    const mapping = [field("email"), field("first_name"), attribute("plan"), field("external_id")];

    const skip = await upload(admin, csv);
    await start(admin, skip.importId, { mapping, matchBy: "email", existing: "skip", tag: "spring-fair" });
    await runToEnd(system, skip.importId);
    expect(await importRow(skip.importId)).toMatchObject({ created: 1, updated: 0, skipped: 1, failed: 0 });
    const afterSkip = await contactsOf(workspaceId);
    expect(afterSkip.find((c) => c.email === "Old@Example.com")).toMatchObject({ firstName: "Old", tags: ["customer"], attributes: { plan: "free", city: "Oslo" } });
    expect(afterSkip.find((c) => c.email === "new@example.com")).toMatchObject({ firstName: "New", tags: ["spring-fair"] });

    const update = await upload(admin, csv);
    await start(admin, update.importId, { mapping, matchBy: "email", existing: "update", tag: "newsletter" });
    await runToEnd(system, update.importId);
    expect(await importRow(update.importId)).toMatchObject({ created: 0, updated: 2, skipped: 0, failed: 0 });
    const afterUpdate = await contactsOf(workspaceId);
    expect(afterUpdate).toHaveLength(3);
    // Case-insensitive match on email; the blank external id cell keeps nothing out, the others merge.
    expect(afterUpdate.find((c) => c.email?.toLowerCase() === "old@example.com")).toMatchObject({ firstName: "Renamed", tags: ["customer", "newsletter"], attributes: { plan: "pro", city: "Oslo" } });
    expect(afterUpdate.find((c) => c.email === "new@example.com")).toMatchObject({ tags: ["spring-fair", "newsletter"] });
  });

  it("fails a row whose external id already belongs to another contact, naming them", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    await getDb().insert(contacts).values({ workspaceId, externalId: "crm-9", firstName: "Nina", lastName: "Nine" });
    const { importId } = await upload(admin, "email,external_id\nfresh@example.com,crm-9\n");
    await start(admin, importId, { mapping: [field("email"), field("external_id")], matchBy: "email", existing: "update" });
    await runToEnd(system, importId);
    const [failure] = await listImportFailures(getDb(), importId, 10);
    expect(failure).toMatchObject({ line: 2, reason: "External id already belongs to Nina Nine." });
    expect(await contactsOf(workspaceId)).toHaveLength(1);
  });

  it("writes two rows for one new person as one contact", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    const { importId } = await upload(admin, "email,first_name,tags\nsam@example.com,Sam,a\nSAM@example.com,,b\n");
    await start(admin, importId, { mapping: [field("email"), field("first_name"), field("tags")], matchBy: "email", existing: "update" });
    await runToEnd(system, importId);
    const all = await contactsOf(workspaceId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ firstName: "Sam", tags: ["a", "b"] });
    expect(await importRow(importId)).toMatchObject({ created: 1, updated: 1 });
  });

  it("can be cancelled: the batch written stays, nothing after it is written, the staged rows go", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    const rows = IMPORT_BATCH_ROWS * 2 + 10;
    const csv = ["email", ...Array.from({ length: rows }, (_, i) => `p${i}@example.com`)].join("\n");
    const { importId } = await upload(admin, csv);
    await start(admin, importId, { mapping: [field("email")], matchBy: "email", existing: "update" });
    expect(await runService(system, runContactImportBatch, { importId })).toBe("more");
    expect(await runService(admin, cancelContactImport, { importId })).toEqual({ rowsDone: IMPORT_BATCH_ROWS });
    expect(await runService(system, runContactImportBatch, { importId })).toBe("stopped");
    expect(await contactsOf(workspaceId)).toHaveLength(IMPORT_BATCH_ROWS);
    expect(await importRow(importId)).toMatchObject({ status: "cancelled", rowsDone: IMPORT_BATCH_ROWS, created: IMPORT_BATCH_ROWS });
    expect(await getDb().$count(contactImportRows, eq(contactImportRows.importId, importId))).toBe(0);
    expect((await refusal(runService(admin, cancelContactImport, { importId }))).code).toBe("conflict");
    const actions = await getDb().select({ action: auditLog.action, data: auditLog.data }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(actions.map((a) => a.action).sort()).toEqual(["contact_import.cancelled", "contact_import.started"]);
  });

  it("is audited when it starts and when it completes, with its counts", async () => {
    const { admin, system, workspaceId } = await importWorkspace();
    const { importId } = await upload(admin, "email\na@example.com\nbad\n", "customers.csv");
    await start(admin, importId, { mapping: [field("email")], matchBy: "email", existing: "skip" });
    await runToEnd(system, importId);
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(entries.find((e) => e.action === "contact_import.started")).toMatchObject({ actorUserId: admin.actor.type === "user" ? admin.actor.userId : null, targetId: importId });
    expect(entries.find((e) => e.action === "contact_import.completed")?.data).toMatchObject({ fileName: "customers.csv", rows: 2, created: 1, failed: 1 });
  });

  it("refuses a mapping without the match column, and a second start", async () => {
    const { admin } = await importWorkspace();
    const { importId } = await upload(admin, "email,name\na@example.com,A\n");
    const noMatch = await refusal(start(admin, importId, { mapping: [field("email"), field("first_name")], matchBy: "external_id", existing: "update" }));
    expect(noMatch.message).toBe("To match existing contacts by external id, map a column to External id.");
    await start(admin, importId, { mapping: [field("email"), field("first_name")], matchBy: "email", existing: "update" });
    expect((await refusal(start(admin, importId, { mapping: [field("email"), field("first_name")], matchBy: "email", existing: "update" }))).code).toBe("conflict");
  });

  it("says, before it starts, which rows would fail and how many contacts match each live audience", async () => {
    const { admin, workspaceId } = await importWorkspace();
    const userId = admin.actor.type === "user" ? admin.actor.userId : "";
    await getDb().insert(contacts).values({ workspaceId, email: "b@example.com", tags: ["vip"], attributes: { plan: "free" } });
    const audience = (name: string, filter: Record<string, unknown>) =>
      publishGraph(workspaceId, userId, {
        nodes: [
          { id: "trigger", type: "audience_matched", position: { x: 0, y: 0 }, config: { filter, schedule: "daily" } },
          { id: "note", type: "start_conversation", position: { x: 0, y: 0 }, config: { message: message("Hello"), senderUserId: userId, startWith: "note" } },
        ],
        edges: [{ id: "e", source: "trigger", target: "note", sourceHandle: null }],
      }, name);
    await runService(admin, createChatChannel, { name: "Website chat" });
    await audience("Pro customers", { attributes: [{ key: "plan", op: "eq", value: "pro" }] });
    await audience("Fair VIPs", { tags: { all: ["fair", "vip"] } });
    const { importId } = await upload(admin, "email,plan\na@example.com,pro\nb@example.com,pro\nbad,pro\nc@example.com,\n");
    const settings = { importId, mapping: [field("email"), attribute("plan")], matchBy: "email" as const, tag: "fair" };
    // Updating: b's plan becomes pro and b keeps the vip tag beside the import's tag.
    const updating = await runService(admin, previewContactImport, { ...settings, existing: "update" });
    expect(updating).toMatchObject({ rows: 4, failing: 1 });
    expect(updating.workflows.map((w) => [w.name, w.matching])).toEqual([["Fair VIPs", 1], ["Pro customers", 2]]);
    // Skipping: b is left as is, so only a is imported and matches.
    const skipping = await runService(admin, previewContactImport, { ...settings, existing: "skip" });
    expect(skipping.workflows.map((w) => [w.name, w.matching])).toEqual([["Fair VIPs", 0], ["Pro customers", 1]]);
  });
});
