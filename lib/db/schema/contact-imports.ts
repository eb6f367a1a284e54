import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces, users } from "./workspaces";

export const CONTACT_IMPORT_STATUSES = ["uploaded", "running", "completed", "cancelled"] as const;
export const contactImportStatusEnum = pgEnum("contact_import_status", CONTACT_IMPORT_STATUSES);
export const CONTACT_IMPORT_MATCH_FIELDS = ["external_id", "email", "phone"] as const;
export const contactImportMatchEnum = pgEnum("contact_import_match", CONTACT_IMPORT_MATCH_FIELDS);
export const CONTACT_IMPORT_EXISTING_RULES = ["update", "skip"] as const;
export const contactImportExistingEnum = pgEnum("contact_import_existing", CONTACT_IMPORT_EXISTING_RULES);

/**
 * Contacts › Import: one CSV file brought in. Its rows wait in contact_import_rows (staged while
 * the upload streams in); the job writes them to contacts in batches, each batch in one
 * transaction with the checkpoint (`rows_done`) and the counts, so a killed worker resumes after
 * the last committed batch and never writes a row twice.
 */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    byteSize: integer("byte_size").notNull(),
    delimiter: text("delimiter").notNull(),
    /** The header row, as written in the file. */
    columns: text("columns").array().notNull(),
    totalRows: integer("total_rows").notNull(),
    status: contactImportStatusEnum("status").notNull().default("uploaded"),
    /** What each column becomes (lib/contact-imports/import-mapping.ts), set when the import starts. */
    mapping: jsonb("mapping").$type<unknown[]>(),
    matchBy: contactImportMatchEnum("match_by"),
    existing: contactImportExistingEnum("existing"),
    tag: text("tag"),
    /** The checkpoint: data rows 1..rows_done are written (or counted as skipped or failed). */
    rowsDone: integer("rows_done").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("contact_imports_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * The staged rows of an import, as parsed from the file: `row_no` counts data rows from 1 (the
 * checkpoint's unit), `line` is the file's line number a person sees in an editor. Deleted when
 * the import ends; rows that failed are kept apart in contact_import_failures.
 */
export const contactImportRows = pgTable(
  "contact_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    rowNo: integer("row_no").notNull(),
    line: integer("line").notNull(),
    // jsonb rather than text[]: a batch of rows is staged straight from one jsonb parameter.
    cells: jsonb("cells").$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] })],
);

/** Rows the import could not write, with the file's line number and the reason, for the download. */
export const contactImportFailures = pgTable(
  "contact_import_failures",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    rowNo: integer("row_no").notNull(),
    line: integer("line").notNull(),
    reason: text("reason").notNull(),
    cells: text("cells").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] })],
);

export type ContactImport = typeof contactImports.$inferSelect;
