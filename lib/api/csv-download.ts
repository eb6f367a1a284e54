import { logger } from "@/lib/logging/logger";

/**
 * A CSV file streamed to the browser as a download, one chunk per pull, so an export of any size
 * holds one batch at a time. A failure mid-stream is logged and ends the download as an error (the
 * headers are already sent, so no error body can follow); `what` names the export in the log.
 */
export function csvDownload(chunks: AsyncGenerator<string>, input: { filename: string; what: string }): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error }, `${input.what} export failed mid-stream`);
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${input.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
