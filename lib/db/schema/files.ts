import { customType, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// pg hands bytea over as a Buffer both ways; drizzle has no built-in bytea column.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Every file Parley keeps (avatars; attachments later), written and read only through
 * lib/storage. In PostgreSQL, so any number of web processes serve the same files without a
 * shared disk. A file never changes: a new version is a new row with a new id (and URL).
 */
export const storedFiles = pgTable("stored_files", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Decided from the bytes by the code that stored it, never taken from the uploader.
  contentType: text("content_type").notNull(),
  byteSize: integer("byte_size").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type StoredFileRow = typeof storedFiles.$inferSelect;
