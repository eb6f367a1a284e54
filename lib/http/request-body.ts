import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SafeError } from "@/lib/errors";

/** A request's declared Content-Length, or null when it sent none (a streamed body) or a malformed one. */
export function declaredLength(request: Request): number | null {
  const declared = request.headers.get("content-length");
  return declared && /^\d+$/.test(declared) ? Number(declared) : null;
}

/**
 * A request body as it arrives, never gathered: refused before a byte is read when its declared
 * length is over `maxBytes`, else at the chunk that passes it (the rest is never read).
 */
export function limitedBody(body: ReadableStream<Uint8Array>, declared: number | null, maxBytes: number, refusal: () => SafeError): AsyncIterable<Uint8Array> {
  if (declared !== null && declared > maxBytes) {
    void body.cancel().catch(() => {});
    throw refusal();
  }
  return (async function* () {
    let length = 0;
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        length += value.byteLength;
        if (length > maxBytes) throw refusal();
        yield value;
      }
    } finally {
      // Stopping early (a refused body) cancels the rest instead of reading it.
      await reader.cancel().catch(() => {});
    }
  })();
}

/**
 * Receives a whole (already limited) body into a temporary file, then hands it to `consume` to read
 * back in `readBytes` pieces; the file is removed when `consume` settles.
 *
 * Why: an upload streamed straight into a database transaction holds a connection, idle in that
 * transaction, for as long as the client takes to send it. A contact on a slow link (or a hostile
 * one sending a byte a second) would hold a pooled connection for minutes, and a handful of them
 * would empty the pool for everyone. Spooled first, the transaction lasts as long as reading a
 * local file. Memory stays bounded either way: one chunk in flight.
 */
export async function withSpooledBody<T>(chunks: AsyncIterable<Uint8Array>, readBytes: number, consume: (spooled: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(path.join(tmpdir(), "parley-upload-"));
  try {
    const file = path.join(directory, "body");
    await pipeline(Readable.from(chunks), createWriteStream(file));
    return await consume(createReadStream(file, { highWaterMark: readBytes }));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
