import { sql, type SQL } from "drizzle-orm";

// drizzle expands a JS array in a sql`` template into a parameter list; these pass it as ONE
// Postgres array parameter, so a statement's text never grows with the number of rows.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids need no quoting inside an array literal, so it is written directly (cheaper than having the
// driver escape each element of a thousand-id array). Anything that is not a UUID is refused, so
// no element can carry a comma or brace into the literal.
export const uuidArray = (ids: readonly string[]): SQL => {
  for (const id of ids) if (!UUID.test(id)) throw new Error("uuidArray: not a UUID");
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
};
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
