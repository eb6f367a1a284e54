import { parse } from "csv-parse";
import { eq, sql } from "drizzle-orm";
import { contactImports } from "@/lib/db/schema/contact-imports";
import { SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { IMPORT_MAX_BYTES, IMPORT_MAX_COLUMNS, IMPORT_MAX_RECORD_CHARS, STAGE_BATCH_ROWS } from "./import-limits";

export type CsvDelimiter = "," | ";";

/** How the upload went through memory, for the test that the file is never held whole. */
export type UploadStats = { bytes: number; batches: number; largestBatch: number; bytesReadAtFirstBatch: number | null };

export type UploadInput = {
  fileName: string;
  /** The request body as it arrives (a ReadableStream is async-iterable). */
  body: AsyncIterable<Uint8Array>;
  /** Told after each staged batch (tests watch the stream's progress through it). */
  onBatch?: (stats: UploadStats) => void;
};

/**
 * The header line's delimiter: a semicolon when it has more semicolons than commas outside quotes
 * (spreadsheets in many European locales save CSV that way), else a comma.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

const lineOf = (text: string, upTo: number) => {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < upTo; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
};

/**
 * The body as text, a chunk at a time: strict UTF-8 (bytes that are not are refused, never turned
 * into U+FFFD), the BOM dropped, NUL refused (lib/validation/text.ts's rule: PostgreSQL cannot
 * store it), and no more than IMPORT_MAX_BYTES. UTF-8 never encodes a lone surrogate, so the
 * text rule's other half holds by construction.
 */
async function* decodeCsv(body: AsyncIterable<Uint8Array>, stats: UploadStats): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let line = 1;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      // Where in this chunk: the first replacement character a lenient decoder puts there.
      const lenient = bytes ? new TextDecoder("utf-8").decode(bytes) : "";
      const at = lenient.indexOf("\uFFFD");
      const where = line + (at > 0 ? lineOf(lenient, at) - 1 : 0);
      throw new SafeError("invalid_text", `The file is not UTF-8 text (near line ${where}). Save it as “CSV UTF-8” and upload it again.`, { problem: "invalid_utf8", line: where });
    }
  };
  const check = (text: string) => {
    const nul = text.indexOf("\u0000");
    if (nul !== -1) {
      throw new SafeError("invalid_text", `The file contains a NUL character (U+0000) at line ${line + lineOf(text, nul) - 1}, which Parley cannot store. Remove it and upload again.`, { problem: "nul", line });
    }
    line += lineOf(text, text.length) - 1;
    return text;
  };
  for await (const bytes of body) {
    stats.bytes += bytes.byteLength;
    if (stats.bytes > IMPORT_MAX_BYTES) throw importTooLarge();
    const text = check(decode(bytes));
    if (text) yield text;
  }
  const rest = check(decode());
  if (rest) yield rest;
}

/** Up to the end of the first line (the header), so the delimiter is known before parsing starts. */
async function* withHeaderFirst(text: AsyncIterator<string>, onHeader: (line: string) => void): AsyncGenerator<string> {
  let head = "";
  for (;;) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
    if (/[\r\n]/.test(head) || head.length > IMPORT_MAX_RECORD_CHARS) break;
  }
  onHeader(head.split(/\r?\n|\r/, 1)[0] ?? "");
  if (head) yield head;
  for (;;) {
    const next = await text.next();
    if (next.done) return;
    yield next.value;
  }
}

type StagedRow = [rowNo: number, line: number, cells: string[]];

/**
 * Contacts › Import, step 1: streams the uploaded CSV into the staging table, never holding the
 * file whole: text is decoded and parsed a chunk at a time (csv-parse, with backpressure), and
 * parsed rows go to contact_import_rows STAGE_BATCH_ROWS at a time. Everything is in ctx.tx: a
 * file refused halfway (not UTF-8, a NUL, too large, malformed) leaves nothing behind.
 */
export async function uploadContactImport(ctx: ServiceContext, input: UploadInput): Promise<{ importId: string; totalRows: number; stats: UploadStats }> {
  const stats: UploadStats = { bytes: 0, batches: 0, largestBatch: 0, bytesReadAtFirstBatch: null };
  let delimiter: CsvDelimiter = ",";
  const text = withHeaderFirst(decodeCsv(input.body, stats)[Symbol.asyncIterator](), (header) => (delimiter = detectDelimiter(header)));

  // The first chunk must be read before the parser is made: it decides the delimiter.
  const first = await text.next();
  if (first.done) throw new SafeError("invalid_input", "The file is empty. Upload a CSV with a header row and at least one contact.");
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: IMPORT_MAX_RECORD_CHARS, info: true });
  // Backpressure: the body is read no faster than rows are staged. A parser destroyed because the
  // rows were refused also ends the feed (it stops reading the body).
  const write = async (chunk: string) => {
    if (parser.destroyed) return false;
    if (!parser.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          parser.off("drain", done);
          parser.off("close", done);
          resolve();
        };
        parser.on("drain", done);
        parser.on("close", done);
      });
    }
    return !parser.destroyed;
  };
  const feed = (async () => {
    if (!(await write(first.value))) return;
    for await (const chunk of text) if (!(await write(chunk))) return;
    parser.end();
  })().catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));

  const actor = ctx.actor.type === "user" ? ctx.actor.userId : null;
  let importId: string | null = null;
  let columns: string[] | null = null;
  let batch: StagedRow[] = [];
  let rowNo = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // One statement per batch: the rows travel as one jsonb parameter, whatever their number.
    await ctx.tx.execute(sql`
      INSERT INTO contact_import_rows (import_id, row_no, line, cells)
      SELECT ${importId}::uuid, (r->>0)::int, (r->>1)::int, r->2
      FROM jsonb_array_elements(${JSON.stringify(batch)}::jsonb) r`);
    stats.batches++;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    stats.bytesReadAtFirstBatch ??= stats.bytes;
    batch = [];
    input.onBatch?.({ ...stats });
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        if (record.length > IMPORT_MAX_COLUMNS) throw new SafeError("invalid_input", `The file has ${record.length} columns; an import takes at most ${IMPORT_MAX_COLUMNS}.`);
        columns = record.map((name, i) => name.trim() || `Column ${i + 1}`);
        const [row] = await ctx.tx
          .insert(contactImports)
          .values({ workspaceId: ctx.workspace.id, createdByUserId: actor, fileName: input.fileName, byteSize: 0, delimiter, columns, totalRows: 0 })
          .returning({ id: contactImports.id });
        importId = row!.id;
        continue;
      }
      // Blank lines are skipped by the parser; a row of empty cells (",,,") is skipped here.
      if (record.every((cell) => cell.trim() === "")) continue;
      // The line the row starts on, as an editor numbers it: the parser reports where it ended.
      const breaks = record.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      batch.push([++rowNo, info.lines - breaks, record]);
      if (batch.length >= STAGE_BATCH_ROWS) await flush();
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof SafeError) throw error;
    const csv = error as { code?: string; lines?: number; message?: string };
    if (typeof csv.code === "string" && csv.code.startsWith("CSV_")) {
      throw new SafeError("invalid_input", `The file is not valid CSV near line ${csv.lines ?? "?"}: ${csv.code === "CSV_MAX_RECORD_SIZE" ? "a field is too long (an unclosed quote?)" : "check its quotes"}.`, { line: csv.lines });
    }
    throw error;
  } finally {
    await feed;
  }
  await flush();
  if (!importId) throw new SafeError("invalid_input", "The file is empty. Upload a CSV with a header row and at least one contact.");
  if (rowNo === 0) throw new SafeError("invalid_input", "The file has a header row but no contacts under it.");
  await ctx.tx.update(contactImports).set({ totalRows: rowNo, byteSize: stats.bytes }).where(eq(contactImports.id, importId));
  return { importId, totalRows: rowNo, stats };
}

/** The refusal of a file over IMPORT_MAX_BYTES, by its declared length or as it arrives. */
export function importTooLarge(): SafeError {
  return new SafeError("payload_too_large", `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it and import each part.`);
}
