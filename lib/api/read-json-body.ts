import type { z } from "zod";
import { SafeError } from "@/lib/errors";
import { assertNoPrototypeKeys } from "@/lib/validation/prototype-keys";
import { assertAcceptableText, decodeUtf8 } from "@/lib/validation/text";

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * A body's bytes from its chunks, refusing (413) past maxBytes: at once when its declared
 * Content-Length is over, else as soon as the bytes read pass it. Leaving the loop early cancels
 * a web stream; a Node request iterated without destroyOnReturn is left unread for its answer.
 */
export async function readBoundedBytes(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, declaredLength: string | null | undefined, maxBytes: number = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new SafeError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
  const declared = Number(declaredLength ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const read: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    read.push(chunk);
  }
  return read.length === 1 && Buffer.isBuffer(read[0]) ? read[0] : Buffer.concat(read);
}

/** The body's bytes, refusing (413) past maxBytes whether or not a Content-Length was sent. */
export async function readRawBytes(request: Request, maxBytes: number = MAX_BODY_BYTES): Promise<Buffer> {
  // Node's web streams are async iterable; the DOM typings the project compiles with do not say so.
  const chunks = request.body ? (request.body as unknown as AsyncIterable<Uint8Array>) : [];
  return readBoundedBytes(chunks, request.headers.get("content-length"), maxBytes);
}

/**
 * The raw body, refusing more than `maxBytes` before reading it all: a declared Content-Length
 * over the limit is refused at once, and a body without one is counted as it streams in.
 */
export async function readRawBody(request: Request, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  // Strictly: bytes that are not UTF-8 are refused, never replaced with U+FFFD.
  return decodeUtf8(await readRawBytes(request, maxBytes));
}

/**
 * Parses a JSON body against a (strict) schema: 415, 400 malformed_json, 400 invalid_text (a NUL
 * or an unpaired surrogate anywhere, keys included: the one text rule) or 400 invalid_input.
 */
export function parseJsonBody<S extends z.ZodType>(request: Request, raw: string, schema: S): z.infer<S> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new SafeError("unsupported_media_type", "Send the body as JSON with “Content-Type: application/json”.");
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new SafeError("malformed_json", "The request body is not valid JSON.");
  }
  assertAcceptableText(value, "The request body");
  assertNoPrototypeKeys(value, "The request body");
  return schema.parse(value);
}
