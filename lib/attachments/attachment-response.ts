import { isInlineImage } from "./attachment-type";

/** RFC 6266 filename parameters: an ASCII fallback and the UTF-8 name. */
function dispositionName(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * How every attachment leaves Parley: under the type read from its bytes, with nosniff so the
 * browser never guesses another; only a raster image may be shown inline, anything else (SVG,
 * HTML, a PDF…) is a download. Private: never kept by a shared cache.
 */
export function attachmentResponse(file: { fileName: string; contentType: string; byteSize: number }, bytes: Uint8Array, options: { download?: boolean } = {}): Response {
  const inline = isInlineImage(file.contentType) && !options.download;
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; ${dispositionName(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
      // A file opened on its own runs nothing, even if a browser misreads it.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

export function attachmentNotFound(): Response {
  return Response.json({ error: { code: "not_found", message: "That file was not found." } }, { status: 404, headers: { "Cache-Control": "no-store" } });
}
