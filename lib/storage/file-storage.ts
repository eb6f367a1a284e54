import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { storedFileParts, storedFiles } from "@/lib/db/schema/files";

/** A file as kept: its bytes and the type the storing code decided from them. */
export type StoredFile = { id: string; contentType: string; byteSize: number; bytes: Buffer; createdAt: Date };

/**
 * The size of a stored part: what a writer holds at most (one part, and node-postgres's copy of
 * it in the message that sends it), whatever the file's size.
 */
export const FILE_PART_BYTES = 256 * 1024;

/**
 * THE place Parley's files live (avatars, attachments, raw emails). Callers decide what a file is
 * (checking its type from its bytes) and who may read it (e.g. the avatar route serves only files
 * that are someone's avatar); storage only keeps bytes under an id. Files never change: storing a
 * new version gives a new id, so a URL naming the id can be cached for ever.
 *
 * The default implementation keeps them in PostgreSQL (stored_files, the bytes in
 * stored_file_parts), in the caller's transaction: a file exists exactly when the change that
 * references it commits, and any number of web processes serve it without a shared disk. Bytes
 * are written in parts as they arrive (putStream), so an upload is never held whole. Another
 * backend (S3, a disk) would implement this interface; nothing outside lib/storage reads these tables.
 */
export interface FileStorage {
  /** Keeps the bytes; returns the new file's id. */
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  /**
   * Keeps bytes as they arrive, part by part, never gathering them whole; returns the new file's
   * id and size. An error from the source (e.g. over a size limit) propagates: the caller's
   * transaction rolls back and nothing is kept.
   */
  putStream(chunks: AsyncIterable<Uint8Array>, contentType: string): Promise<{ id: string; byteSize: number }>;
  /** The file, or null when there is none with that id. */
  get(id: string): Promise<StoredFile | null>;
  /** Forgets the file (nothing happens when it is already gone). */
  remove(id: string): Promise<void>;
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

export function fileStorage(db: DbOrTx): FileStorage {
  const storage: FileStorage = {
    async put(bytes, contentType) {
      return (await storage.putStream(once(bytes), contentType)).id;
    },
    async putStream(chunks, contentType) {
      const [file] = await db.insert(storedFiles).values({ contentType, byteSize: 0 }).returning({ id: storedFiles.id });
      const fileId = file!.id;
      let seq = 0;
      let size = 0;
      // A fresh buffer per part: node-postgres copies it into the message it sends, then it is dropped.
      let part = Buffer.allocUnsafe(FILE_PART_BYTES);
      let filled = 0;
      const flush = async () => {
        if (filled === 0) return;
        await db.insert(storedFileParts).values({ fileId, seq: seq++, bytes: part.subarray(0, filled) });
        part = Buffer.allocUnsafe(FILE_PART_BYTES);
        filled = 0;
      };
      for await (const chunk of chunks) {
        let offset = 0;
        while (offset < chunk.byteLength) {
          const take = Math.min(FILE_PART_BYTES - filled, chunk.byteLength - offset);
          part.set(chunk.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
          if (filled === FILE_PART_BYTES) await flush();
        }
        size += chunk.byteLength;
      }
      await flush();
      await db.update(storedFiles).set({ byteSize: size }).where(eq(storedFiles.id, fileId));
      return { id: fileId, byteSize: size };
    },
    async get(id) {
      const [row] = await db
        .select({
          id: storedFiles.id,
          contentType: storedFiles.contentType,
          byteSize: storedFiles.byteSize,
          createdAt: storedFiles.createdAt,
          // The parts in order, as one value (node-postgres reads bytea as a Buffer).
          bytes: sql<Buffer | null>`(SELECT string_agg(${storedFileParts.bytes}, ''::bytea ORDER BY ${storedFileParts.seq}) FROM ${storedFileParts} WHERE ${storedFileParts.fileId} = ${storedFiles.id})`,
        })
        .from(storedFiles)
        .where(eq(storedFiles.id, id));
      return row ? { ...row, bytes: row.bytes ?? Buffer.alloc(0) } : null;
    },
    async remove(id) {
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
  return storage;
}
