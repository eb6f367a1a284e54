import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { storedFiles } from "@/lib/db/schema/files";

/** A file as kept: its bytes and the type the storing code decided from them. */
export type StoredFile = { id: string; contentType: string; byteSize: number; bytes: Buffer; createdAt: Date };

/**
 * THE place Parley's files live (avatars now, attachments in Part 11). Callers decide what a file
 * is (checking its type from its bytes) and who may read it (e.g. the avatar route serves only
 * files that are someone's avatar); storage only keeps bytes under an id. Files never change:
 * storing a new version gives a new id, so a URL naming the id can be cached for ever.
 *
 * The default implementation keeps them in PostgreSQL (table stored_files), in the caller's
 * transaction: a file exists exactly when the change that references it commits, and any number
 * of web processes serve it without a shared disk. Another backend (S3, a disk) would implement
 * this interface; nothing outside lib/storage reads stored_files.
 */
export interface FileStorage {
  /** Keeps the bytes; returns the new file's id. */
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  /** The file, or null when there is none with that id. */
  get(id: string): Promise<StoredFile | null>;
  /** Forgets the file (nothing happens when it is already gone). */
  remove(id: string): Promise<void>;
}

export function fileStorage(db: DbOrTx): FileStorage {
  return {
    async put(bytes, contentType) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const [row] = await db.insert(storedFiles).values({ contentType, byteSize: buffer.byteLength, bytes: buffer }).returning({ id: storedFiles.id });
      return row!.id;
    },
    async get(id) {
      const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
      return row ?? null;
    },
    async remove(id) {
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
}
