import { SafeError } from "@/lib/errors";

/** "10 MB" for a limit in bytes, as the refusal names it. */
export function formatLimit(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function tooLarge(maxBytes: number): SafeError {
  return new SafeError("payload_too_large", `The file is larger than ${formatLimit(maxBytes)}, the most that can be attached.`, { maxBytes });
}

/**
 * Reads an upload's body as it arrives into ONE buffer: sized from Content-Length when the client
 * declared it (refused before a byte is read when that is over the limit), grown by doubling
 * otherwise. The chunks are copied in and dropped, so the file is never held whole twice; a body
 * that passes the limit is refused at that chunk and the rest is never read.
 */
export async function readUpload(body: ReadableStream<Uint8Array>, declaredLength: number | null, maxBytes: number): Promise<Buffer> {
  if (declaredLength !== null && declaredLength > maxBytes) {
    await body.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  let buffer = Buffer.allocUnsafe(Math.min(declaredLength ?? 64 * 1024, maxBytes));
  let length = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > maxBytes) throw tooLarge(maxBytes);
      if (length + value.byteLength > buffer.byteLength) {
        const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(buffer.byteLength * 2, length + value.byteLength)));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      buffer.set(value, length);
      length += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return buffer.subarray(0, length);
}
