/** Limits of Contacts › Import, shown on the page and enforced by the upload. Client-safe. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_COLUMNS = 100;
/** One field longer than this is refused: a runaway quote must not make the parser hold the rest of the file. */
export const IMPORT_MAX_RECORD_CHARS = 64 * 1024;
/** Rows written to the staging table per statement while the upload streams in. */
export const STAGE_BATCH_ROWS = 2_000;
/** Rows the import job writes to contacts per transaction (and per checkpoint). */
export const IMPORT_BATCH_ROWS = 2_000;
/** Rows of the file the page shows before the mapping. */
export const PREVIEW_ROWS = 5;
