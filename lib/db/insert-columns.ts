import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * A column's own name, unqualified: what an INSERT's column list, ON CONFLICT and RETURNING need in
 * raw SQL (drizzle's `${column}` writes it with its table's name in front).
 */
export const columnName = (column: PgColumn | { name: string }) => sql.identifier(column.name);

/** `(col_a, col_b, …)` and `value_a, value_b, …` of an INSERT ... SELECT, the names from the schema. */
export function insertColumns<T extends PgTable>(table: T, values: Partial<Record<keyof T["$inferInsert"] & string, SQL>>) {
  const entries = Object.entries(values) as [keyof T["$inferInsert"] & string, SQL][];
  const columns = getTableColumns(table);
  return {
    names: sql.join(entries.map(([key]) => columnName(columns[key]!)), sql`, `),
    values: sql.join(entries.map(([, value]) => value), sql`, `),
  };
}
