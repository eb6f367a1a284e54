import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { FILE_PART_BYTES, fileStorage } from "@/lib/storage/file-storage";
import { useTestDatabase } from "@/lib/testing/test-database";

await useTestDatabase();

describe("file storage (PostgreSQL)", () => {
  it("gives back exactly the bytes and type it was given, under a new id each time", async () => {
    const bytes = new Uint8Array(randomBytes(70_000));
    const storage = fileStorage(getDb());
    const id = await storage.put(bytes, "image/webp");
    const again = await storage.put(bytes, "image/webp");
    expect(again).not.toBe(id);
    const file = await storage.get(id);
    expect(file).toMatchObject({ id, contentType: "image/webp", byteSize: 70_000 });
    expect(Buffer.compare(file!.bytes, Buffer.from(bytes))).toBe(0);
    await storage.remove(id);
    expect(await storage.get(id)).toBeNull();
    expect(await storage.get(again)).not.toBeNull();
  });

  it("writes a stream part by part as it arrives and reads it back whole, in order", async () => {
    const bytes = randomBytes(FILE_PART_BYTES * 2 + 12_345);
    async function* chunks() {
      for (let offset = 0; offset < bytes.byteLength; offset += 40_000) yield bytes.subarray(offset, offset + 40_000);
    }
    const { id, byteSize } = await fileStorage(getDb()).putStream(chunks(), "application/octet-stream");
    expect(byteSize).toBe(bytes.byteLength);
    const parts = await getDb().execute<{ size: number }>(sql`SELECT octet_length(bytes)::int AS size FROM stored_file_parts WHERE file_id = ${id} ORDER BY seq`);
    expect(parts.rows.map((row) => row.size)).toEqual([FILE_PART_BYTES, FILE_PART_BYTES, 12_345]);
    const file = await fileStorage(getDb()).get(id);
    expect(file).toMatchObject({ byteSize: bytes.byteLength });
    expect(Buffer.compare(file!.bytes, bytes)).toBe(0);
  });

  it("keeps a file only when the transaction that stored it commits", async () => {
    let id = "";
    await getDb()
      .transaction(async (tx) => {
        id = await fileStorage(tx).put(new Uint8Array([1, 2, 3]), "image/png");
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(id).not.toBe("");
    expect(await fileStorage(getDb()).get(id)).toBeNull();
  });
});
