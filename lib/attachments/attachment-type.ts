import { fileTypeFromBuffer } from "file-type";

/** Raster images a browser may show inline: they cannot run script. Never SVG, never HTML. */
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** How many of a file's first bytes file-type reads to tell its type (its own sample size). */
export const SNIFF_BYTES = 4100;

/**
 * The type of an upload, read from its bytes (file-type), never from its name or the type the
 * uploader claimed. Bytes no signature matches (plain text, CSV, SVG, HTML…) are
 * application/octet-stream: always downloaded, never rendered.
 */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected?.mime ?? "application/octet-stream";
}

export function isInlineImage(contentType: string): boolean {
  return INLINE_IMAGE_TYPES.has(contentType);
}
