import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { contactImportFailures, contactImportRows, contactImports } from "@/lib/db/schema/contact-imports";
import { contacts } from "@/lib/db/schema/contacts";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { textArray } from "@/lib/db/sql-params";
import { audit } from "@/lib/services/audit";
import { runService } from "@/lib/services/run-service";
import type { Actor, ServiceContext, ServiceWorkspace } from "@/lib/services/service-context";
import { meetGoals } from "@/lib/workflow/engine/goal-events";
import { attributeDefinitionsByKey } from "@/lib/contacts/attribute-definitions";
import { applyConsentsInBulk } from "@/lib/consent/contact-consent";
import type { ChannelKind } from "@/lib/workflow/customer-destination";
import { IMPORT_BATCH_ROWS } from "./import-limits";
import { columnMappingSchema, mapImportRow, type MappedRow } from "./import-mapping";

export type ImportBatchOutcome = "more" | "done" | "stopped";

type Known = { id: string; externalId: string | null; email: string | null; phone: string | null; name: string };
type Pending = { contact: Known; isNew: boolean; rows: number[]; fields: MappedRow };

const emailKey = (email: string) => email.toLowerCase();

/** Values of a contact the rules keep unique per workspace, each in its own index. */
class KnownContacts {
  private byExternalId = new Map<string, Known>();
  private byEmail = new Map<string, Known>();
  private byPhone = new Map<string, Known>();

  add(contact: Known) {
    if (contact.externalId) this.byExternalId.set(contact.externalId, contact);
    if (contact.email) this.byEmail.set(emailKey(contact.email), contact);
    if (contact.phone) this.byPhone.set(contact.phone, contact);
  }

  find(field: "external_id" | "email" | "phone", row: MappedRow): Known | undefined {
    if (field === "external_id") return row.externalId ? this.byExternalId.get(row.externalId) : undefined;
    if (field === "email") return row.email ? this.byEmail.get(emailKey(row.email)) : undefined;
    return row.phone ? this.byPhone.get(row.phone) : undefined;
  }
}

const FIELD_WORDS = { external_id: "External id", email: "Email", phone: "Phone" } as const;

type StagedRow = { rowNo: number; line: number; cells: string[] };
type Failure = StagedRow & { reason: string };
/** A batch's staged rows read through the mapping: pure work on committed rows, no writes. */
type PreparedBatch = { after: number; staged: StagedRow[]; mapped: (StagedRow & { row: MappedRow })[]; failures: Failure[] };
type ImportJob = typeof contactImports.$inferSelect;

/**
 * Reads the IMPORT_BATCH_ROWS staged rows after `after` and maps them (validation, phone parsing,
 * typed attributes: most of a batch's CPU). Staged rows never change once uploaded, so this may
 * run on any connection, outside the batch's transaction.
 */
async function prepareBatch(db: DbOrTx, job: ImportJob, after: number): Promise<PreparedBatch> {
  const mapping = columnMappingSchema.array().parse(job.mapping);
  const [staged, specs] = await Promise.all([
    db
      .select({ rowNo: contactImportRows.rowNo, line: contactImportRows.line, cells: contactImportRows.cells })
      .from(contactImportRows)
      .where(and(eq(contactImportRows.importId, job.id), gt(contactImportRows.rowNo, after)))
      .orderBy(asc(contactImportRows.rowNo))
      .limit(IMPORT_BATCH_ROWS),
    attributeDefinitionsByKey(db, job.workspaceId),
  ]);
  const failures: Failure[] = [];
  const mapped: PreparedBatch["mapped"] = [];
  for (const staging of staged) {
    const result = mapImportRow(staging.cells, mapping, specs, job.columns);
    if (result.ok) mapped.push({ ...staging, row: result.row });
    else failures.push({ ...staging, reason: result.reason });
  }
  return { after, staged, mapped, failures };
}

/**
 * The next batch, prepared while this one writes. A batch spends most of its time waiting for
 * PostgreSQL to write contacts and their indexes, and the next batch's mapping is CPU work that
 * needs none of it: the import job passes one lookahead from batch to batch, so the two overlap
 * (on a second pooled connection) instead of taking turns. A batch only uses what was prepared
 * for exactly its checkpoint; anything else is thrown away.
 */
export class ImportLookahead {
  private next: { after: number; batch: Promise<PreparedBatch> } | null = null;

  take(after: number): Promise<PreparedBatch> | null {
    const next = this.next;
    this.next = null;
    return next && next.after === after ? next.batch : null;
  }

  start(after: number, prepare: () => Promise<PreparedBatch>) {
    const batch = prepare();
    // Awaited by the next batch, or never (the import ended or failed): never an unhandled rejection.
    batch.catch(() => {});
    this.next = { after, batch };
  }
}

/**
 * One batch of a running import, in ctx.tx: the next IMPORT_BATCH_ROWS staged rows after the
 * checkpoint are read through the mapping, matched against the workspace's contacts, and written
 * (one INSERT for the new, one UPDATE for the existing), their failures recorded, and the
 * checkpoint and counts moved, all in the same transaction. A worker killed mid-batch therefore
 * loses the whole batch and its retry starts from the same checkpoint: no row is written twice.
 * The import row is locked first, so a cancellation waits for the batch in flight or stops the
 * next one, and two workers never run batches of one import at once.
 */
export async function runContactImportBatch(ctx: ServiceContext, input: { importId: string; lookahead?: ImportLookahead }): Promise<ImportBatchOutcome> {
  const [job] = await ctx.tx
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.id, input.importId), eq(contactImports.workspaceId, ctx.workspace.id)))
    .for("update");
  if (!job || job.status !== "running" || !job.matchBy || !job.existing) return "stopped";
  const matchBy = job.matchBy;
  const { staged, mapped, failures } = await (input.lookahead?.take(job.rowsDone) ?? prepareBatch(ctx.tx, job, job.rowsDone));

  if (staged.length > 0) {
    const lastRowNo = staged.at(-1)!.rowNo;
    if (input.lookahead && lastRowNo < job.totalRows) input.lookahead.start(lastRowNo, () => prepareBatch(getDb(), job, lastRowNo));

    // Every contact of the workspace that any row names by a unique value: the match, or a clash.
    const externalIds = mapped.flatMap(({ row }) => (row.externalId ? [row.externalId] : []));
    const emails = mapped.flatMap(({ row }) => (row.email ? [emailKey(row.email)] : []));
    const phones = mapped.flatMap(({ row }) => (row.phone ? [row.phone] : []));
    const known = new KnownContacts();
    if (externalIds.length + emails.length + phones.length > 0) {
      const existing = await ctx.tx
        .select({ id: contacts.id, externalId: contacts.externalId, email: contacts.email, phone: contacts.phone, firstName: contacts.firstName, lastName: contacts.lastName })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, ctx.workspace.id),
            sql`(${contacts.externalId} = ANY(${textArray(externalIds)}) OR lower(${contacts.email}) = ANY(${textArray(emails)}) OR ${contacts.phone} = ANY(${textArray(phones)}))`,
          ),
        );
      for (const contact of existing) known.add({ id: contact.id, externalId: contact.externalId, email: contact.email, phone: contact.phone, name: contactDisplayName(contact) });
    }

    const pending = new Map<string, Pending>();
    let skipped = 0;
    for (const { rowNo, line, cells, row } of mapped) {
      const target = known.find(matchBy, row);
      if (target && job.existing === "skip") {
        skipped++;
        continue;
      }
      const contact: Known = target ?? { id: randomUUID(), externalId: null, email: null, phone: null, name: "" };
      // A unique value that already belongs to someone else fails the row, naming who has it.
      const clash = (["external_id", "email", "phone"] as const).find((field) => {
        const owner = known.find(field, row);
        return owner !== undefined && owner.id !== contact.id;
      });
      if (clash) {
        const owner = known.find(clash, row)!;
        failures.push({ rowNo, line, cells, reason: `${FIELD_WORDS[clash]} already belongs to ${owner.name || "another contact"}.` });
        continue;
      }
      const entry = pending.get(contact.id) ?? { contact, isNew: !target, rows: [], fields: { tags: [], attributes: {} } };
      entry.rows.push(rowNo);
      const { tags, attributes, consent, ...fields } = row;
      Object.assign(entry.fields, fields);
      entry.fields.tags.push(...tags);
      Object.assign(entry.fields.attributes, attributes);
      if (consent) entry.fields.consent = { ...entry.fields.consent, ...consent };
      pending.set(contact.id, entry);
      contact.externalId = row.externalId ?? contact.externalId;
      contact.email = row.email ?? contact.email;
      contact.phone = row.phone ?? contact.phone;
      contact.name ||= [row.firstName, row.lastName].filter(Boolean).join(" ") || row.email || "";
      known.add(contact);
    }

    const importTag = job.tag ? [job.tag] : [];
    const asRecord = (entry: Pending) => ({
      id: entry.contact.id,
      external_id: entry.fields.externalId ?? null,
      first_name: entry.fields.firstName ?? null,
      last_name: entry.fields.lastName ?? null,
      email: entry.fields.email ?? null,
      phone: entry.fields.phone ?? null,
      attributes: entry.fields.attributes,
      tags: [...new Set([...entry.fields.tags, ...importTag])],
    });
    const recordColumns = sql`s(id uuid, external_id text, first_name text, last_name text, email text, phone text, attributes jsonb, tags text[])`;
    const news = [...pending.values()].filter((entry) => entry.isNew);
    const olds = [...pending.values()].filter((entry) => !entry.isNew);
    const written = new Set(olds.map((entry) => entry.contact.id));
    let created = 0;
    // A second row of the file for a contact this batch creates updates it.
    let mergedRows = 0;
    const updatedRows = olds.reduce((sum, entry) => sum + entry.rows.length, 0);
    if (news.length > 0) {
      // Raw SQL for the bulk write: one statement for the whole batch, rows as one jsonb parameter.
      // DO NOTHING on any unique index: a contact saved meanwhile with the same value fails its row.
      const inserted = await ctx.tx.execute<{ id: string }>(sql`
        INSERT INTO contacts (id, workspace_id, external_id, first_name, last_name, email, phone, attributes, tags)
        SELECT s.id, ${ctx.workspace.id}::uuid, s.external_id, s.first_name, s.last_name, s.email, s.phone, s.attributes, s.tags
        FROM jsonb_to_recordset(${JSON.stringify(news.map(asRecord))}::jsonb) AS ${recordColumns}
        ON CONFLICT DO NOTHING
        RETURNING id`);
      const ids = new Set(inserted.rows.map((row) => row.id));
      for (const entry of news) {
        if (ids.has(entry.contact.id)) {
          written.add(entry.contact.id);
          created++;
          mergedRows += entry.rows.length - 1;
        } else {
          for (const rowNo of entry.rows) {
            const source = mapped.find((candidate) => candidate.rowNo === rowNo)!;
            failures.push({ rowNo, line: source.line, cells: source.cells, reason: "Another contact with the same external id, email or phone was saved meanwhile." });
          }
        }
      }
    }
    if (olds.length > 0) {
      // Blank cells keep what the contact has; tags are added to theirs; attributes merged over theirs.
      await ctx.tx.execute(sql`
        UPDATE contacts c SET
          external_id = coalesce(s.external_id, c.external_id),
          first_name = coalesce(s.first_name, c.first_name),
          last_name = coalesce(s.last_name, c.last_name),
          email = coalesce(s.email, c.email),
          phone = coalesce(s.phone, c.phone),
          attributes = c.attributes || s.attributes,
          tags = c.tags || ARRAY(SELECT t FROM unnest(s.tags) t WHERE t <> ALL(c.tags)),
          updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(olds.map(asRecord))}::jsonb) AS ${recordColumns}
        WHERE c.id = s.id AND c.workspace_id = ${ctx.workspace.id}::uuid`);
      // Updated contacts may now meet a workflow's condition goal: one set-based check per batch.
      await meetGoals(ctx, { kind: "contact_changed", contactIds: olds.map((old) => old.contact.id) });
    }
    // Consent columns, for the contacts written: the contact's address on each kind is the one the
    // row gave, or the one they have.
    await applyConsentsInBulk(
      ctx.tx,
      ctx.workspace.id,
      [...pending.values()].flatMap((entry) =>
        written.has(entry.contact.id) && entry.fields.consent
          ? Object.entries(entry.fields.consent).map(([kind, status]) => ({ contactId: entry.contact.id, email: entry.contact.email, phone: entry.contact.phone, kind: kind as ChannelKind, status }))
          : [],
      ),
      "import",
    );
    if (failures.length > 0) {
      await ctx.tx.insert(contactImportFailures).values(failures.map((failure) => ({ importId: job.id, ...failure })));
    }
    job.rowsDone = lastRowNo;
    await ctx.tx
      .update(contactImports)
      .set({
        rowsDone: job.rowsDone,
        created: sql`${contactImports.created} + ${created}`,
        updated: sql`${contactImports.updated} + ${updatedRows + mergedRows}`,
        skipped: sql`${contactImports.skipped} + ${skipped}`,
        failed: sql`${contactImports.failed} + ${failures.length}`,
      })
      .where(eq(contactImports.id, job.id));
    if (job.rowsDone < job.totalRows) return "more";
  }

  // The last batch is in: the staged copy of the file goes, the counts and failures stay.
  const [done] = await ctx.tx
    .update(contactImports)
    .set({ status: "completed", finishedAt: sql`now()` })
    .where(eq(contactImports.id, job.id))
    .returning();
  await ctx.tx.delete(contactImportRows).where(eq(contactImportRows.importId, job.id));
  await audit(ctx, {
    action: "contact_import.completed",
    target: { type: "contact_import", id: job.id },
    data: { fileName: done!.fileName, rows: done!.totalRows, created: done!.created, updated: done!.updated, skipped: done!.skipped, failed: done!.failed },
  });
  return "done";
}

/**
 * An import's batches to the end (or until it is cancelled), each in a transaction of its own,
 * each next batch prepared while the one before it writes: what the import job runs.
 */
export async function runContactImportToEnd(scope: { workspace: ServiceWorkspace; actor: Actor }, importId: string): Promise<ImportBatchOutcome> {
  const lookahead = new ImportLookahead();
  let outcome: ImportBatchOutcome;
  do outcome = await runService(scope, runContactImportBatch, { importId, lookahead });
  while (outcome === "more");
  return outcome;
}
