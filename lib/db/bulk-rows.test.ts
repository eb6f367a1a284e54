import { PgDialect } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkRows } from "./bulk-rows";

const dialect = new PgDialect();

describe("bulkRows", () => {
  it("keeps text values as an array the driver escapes, and writes NULLs in plain arrays", () => {
    const bulk = bulkRows(
      [
        { id: "a", name: 'quote " and , comma' },
        { id: null, name: "b" },
      ],
      { id: "uuid", name: "text" },
    );
    const query = dialect.sqlToQuery(sql`SELECT ${bulk.col("id")}, ${bulk.col("name")} FROM ${bulk.from}`);
    expect(query.params).toEqual(["{a,NULL}", ['quote " and , comma', "b"]]);
  });

  it("sends varying columns as arrays and shared ones once", () => {
    const rows = [
      { id: "a", workspace: "w", detail: { n: 1 } },
      { id: "b", workspace: "w", detail: { n: 1 } },
    ];
    const bulk = bulkRows(rows, { id: "uuid", workspace: "uuid", detail: "jsonb" });
    const query = dialect.sqlToQuery(sql`SELECT ${bulk.col("id")}, ${bulk.col("workspace")}, ${bulk.col("detail")} FROM ${bulk.from}`);
    expect(query.sql).toBe('SELECT r."id", $1::uuid, $2::jsonb FROM unnest($3::uuid[]) AS r("id")');
    expect(query.params).toEqual(["w", '{"n":1}', "{a,b}"]);
  });

  it("yields the right number of rows when nothing varies", () => {
    const bulk = bulkRows([{ a: 1 }, { a: 1 }, { a: 1 }], { a: "int" });
    expect(dialect.sqlToQuery(sql`SELECT ${bulk.col("a")} FROM ${bulk.from}`)).toEqual({
      sql: "SELECT $1::int FROM generate_series(1, $2::int) AS r(_n)",
      params: [1, 3],
      typings: ["none", "none"],
    });
  });
});

describe("array literals", () => {
  it("falls back to escaping when a 'plain' value is not", () => {
    const bulk = bulkRows([{ id: "a,b" }, { id: "c" }], { id: "uuid" });
    expect(dialect.sqlToQuery(sql`SELECT ${bulk.col("id")} FROM ${bulk.from}`).params).toEqual([["a,b", "c"]]);
  });
});
