import { sql, type SQL } from "drizzle-orm";

// drizzle expands a JS array in a sql`` template into a parameter list; these pass it as ONE
// Postgres array parameter, so a statement's text never grows with the number of rows.
export const uuidArray = (ids: readonly string[]): SQL => sql`${sql.param(ids)}::uuid[]`;
export const textArray = (values: readonly string[]): SQL => sql`${sql.param(values)}::text[]`;
/** Rows for jsonb_to_recordset / jsonb_array_elements: one parameter, whatever the batch size. */
export const jsonbParam = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

/** drizzle's execute() hands timestamps back as Postgres text; rows leaving a query get Dates. */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function asOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : asDate(value);
}
