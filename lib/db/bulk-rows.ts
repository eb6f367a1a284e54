import { sql, type SQL } from "drizzle-orm";

export type BulkColumnType = "uuid" | "text" | "jsonb" | "boolean" | "timestamptz" | "int";

export type BulkRows<K extends string> = {
  /** A FROM item yielding one row per input row, aliased `r`. */
  from: SQL;
  /** The column's value in the current row: `r.<name>`, or one parameter when every row agrees. */
  col: (name: K) => SQL;
};

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

// Values of these types never need quoting inside an array literal, so the literal is built
// directly instead of letting the driver escape each element.
const PLAIN_ARRAY_TYPES: ReadonlySet<BulkColumnType> = new Set(["uuid", "int", "boolean", "timestamptz"]);

const PLAIN_ELEMENT = /^[-0-9A-Za-z:.+]+$/;

function arrayParam(values: unknown[], type: BulkColumnType): unknown {
  if (!PLAIN_ARRAY_TYPES.has(type)) return values;
  // Never trusted blindly: an element that is not plain falls back to the driver's escaping.
  if (!values.every((value) => value === null || value === undefined || PLAIN_ELEMENT.test(String(value)))) return values;
  return `{${values.map((value) => (value === null || value === undefined ? "NULL" : String(value))).join(",")}}`;
}

function toParam(value: unknown, type: BulkColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === "jsonb") return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Many rows as ONE statement's input: each column that varies becomes one typed array parameter
 * (unnested together), and a column every row agrees on becomes a single scalar parameter. A
 * batch of a thousand rows that share their workspace, workflow and node therefore sends and
 * parses those values once instead of a thousand times. Column names come from code, never input.
 */
export function bulkRows<K extends string>(rows: readonly NoInfer<Record<K, unknown>>[], types: Record<K, BulkColumnType>): BulkRows<K> {
  const names = Object.keys(types) as K[];
  const varying = names.filter((name) => rows.some((row) => !same(row[name], rows[0]![name])));
  const from =
    varying.length === 0
      ? sql`generate_series(1, ${rows.length}::int) AS r(_n)`
      : sql`unnest(${sql.join(
          varying.map((name) => sql`${sql.param(arrayParam(rows.map((row) => toParam(row[name], types[name])), types[name]))}::${sql.raw(types[name])}[]`),
          sql`, `,
        )}) AS r(${sql.join(
          varying.map((name) => sql.identifier(name)),
          sql`, `,
        )})`;
  const varyingSet = new Set<K>(varying);
  return {
    from,
    col: (name) =>
      varyingSet.has(name)
        ? sql`r.${sql.identifier(name)}`
        : sql`${sql.param(toParam(rows[0]?.[name] ?? null, types[name]))}::${sql.raw(types[name])}`,
  };
}
