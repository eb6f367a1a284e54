import { customType, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// pg hands bytea over as a Buffer both ways; drizzle has no built-in bytea column.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Every file Parley keeps (avatars, attachments, raw emails), written and read only through
 * lib/storage; its bytes are in stored_file_parts. In PostgreSQL, so any number of web processes
 * serve the same files without a shared disk. A file never changes: a new version is a new row
 * with a new id (and URL).
 */
export const storedFiles = pgTable("stored_files", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Decided from the bytes by the code that stored it, never taken from the uploader.
  contentType: text("content_type").notNull(),
  byteSize: integer("byte_size").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type StoredFileRow = typeof storedFiles.$inferSelect;

/**
 * A stored file's bytes, in parts of at most FILE_PART_BYTES (lib/storage/file-storage.ts): an
 * upload is written part by part as it arrives, so the web process never holds the whole file
 * (nor does node-postgres copy it whole into one message). Read back in order.
 */
export const storedFileParts = pgTable(
  "stored_file_parts",
  {
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);
