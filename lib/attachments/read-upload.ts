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
 * The first `size` bytes of an upload (what file-type reads to tell its type), and the whole
 * upload again from its start: only the head is copied, the rest flows on chunk by chunk.
 */
export async function peekHead(chunks: AsyncIterable<Uint8Array>, size: number): Promise<{ head: Buffer; all: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let finished = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    taken.push(next.value);
    length += next.value.byteLength;
  }
  const head = Buffer.concat(taken).subarray(0, size);
  const all = (async function* () {
    yield* taken;
    if (finished) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { head, all };
}
