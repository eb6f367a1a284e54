import { and, asc, eq, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/lib/db/client";
import { contactAttributeDefinitions } from "@/lib/db/schema/contact-attributes";
import { contacts, type Contact } from "@/lib/db/schema/contacts";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { ContactListFilter } from "./contact-list-params";
import { contactListOrderKeys, contactListWhere } from "./contact-list-query";

/** Rows read per query while streaming: memory holds one batch, whatever the list's size. */
export const EXPORT_BATCH_SIZE = 500;

const STANDARD_COLUMNS: { header: string; value: (contact: Contact) => string | null }[] = [
  { header: "Parley id", value: (c) => c.id },
  { header: "External id", value: (c) => c.externalId },
  { header: "First name", value: (c) => c.firstName },
  { header: "Last name", value: (c) => c.lastName },
  { header: "Email", value: (c) => c.email },
  { header: "Phone", value: (c) => c.phone },
  { header: "Company", value: (c) => c.company },
  // The import splits a tags cell on commas (lib/contact-imports), so an export reads back in.
  { header: "Tags", value: (c) => c.tags.join(", ") },
  { header: "Created at", value: (c) => c.createdAt.toISOString() },
  { header: "Updated at", value: (c) => c.updatedAt.toISOString() },
];

/**
 * One column per attribute key: the workspace's defined attributes first, in the order Settings
 * lists them, then every other key any exported contact carries, alphabetically. Headers are the
 * keys themselves (lower-case identifiers, so they cannot clash with the standard headers).
 */
export async function exportAttributeKeys(db: DbOrTx, workspaceId: string, filter: ContactListFilter): Promise<string[]> {
  const defined = await db
    .select({ key: contactAttributeDefinitions.key })
    .from(contactAttributeDefinitions)
    .where(eq(contactAttributeDefinitions.workspaceId, workspaceId))
    .orderBy(asc(contactAttributeDefinitions.createdAt), asc(contactAttributeDefinitions.key));
  const used = await db
    .selectDistinct({ key: sql<string>`jsonb_object_keys(${contacts.attributes})` })
    .from(contacts)
    .where(contactListWhere(workspaceId, filter));
  const definedKeys = defined.map((row) => row.key);
  const others = used.map((row) => row.key).filter((key) => !definedKeys.includes(key)).sort();
  return [...definedKeys, ...others];
}

/** A stored attribute value as a cell: its stored form (a date "YYYY-MM-DD", true/false), which the import reads back. */
function attributeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  return typeof value === "string" ? value : String(value);
}

/**
 * The Contacts list (this filter, its order) as CSV, a chunk per batch of rows: a header line, then
 * the contacts read by keyset on the list's order, so each query starts where the last stopped.
 * Cells a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with ' (csv-stringify's
 * escape_formulas). Starts with a UTF-8 BOM, which spreadsheets need to read UTF-8.
 */
export async function* contactCsvChunks(db: DbOrTx, workspaceId: string, filter: ContactListFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<string> {
  const keys = await exportAttributeKeys(db, workspaceId, filter);
  const options = { escape_formulas: true, cast: { boolean: (value: boolean) => String(value) } } as const;
  yield `\uFEFF${stringify([[...STANDARD_COLUMNS.map((column) => column.header), ...keys]], options)}`;
  const orderKeys = contactListOrderKeys();
  let after: unknown[] | null = null;
  for (;;) {
    const position = sql.join(orderKeys.map(({ key }) => key), sql`, `);
    const rows = await db
      .select({ contact: contacts, position: sql<unknown[]>`json_build_array(${position})` })
      .from(contacts)
      .where(
        and(
          contactListWhere(workspaceId, filter),
          after ? sql`(${position}) > (${sql.join(after.map((value, index) => sql`${value}::${sql.raw(orderKeys[index]!.type)}`), sql`, `)})` : undefined,
        ),
      )
      .orderBy(...orderKeys.map(({ key }) => asc(key)))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield stringify(
      rows.map(({ contact }) => [...STANDARD_COLUMNS.map((column) => column.value(contact)), ...keys.map((key) => attributeCell(contact.attributes[key]))]),
      options,
    );
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.position;
  }
}

/** Records who exported which part of the list (the audit log), before the file streams. */
export async function recordContactExport(ctx: ServiceContext, input: { filter: ContactListFilter }): Promise<void> {
  await audit(ctx, { action: "contact.exported", target: { type: "contact_list", id: ctx.workspace.id }, data: { filter: input.filter } });
}
