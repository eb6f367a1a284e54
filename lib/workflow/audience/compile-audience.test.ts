import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { audienceFilterSchema } from "./audience-filter";
import { compileAudience } from "./compile-audience";

const WORKSPACE = "0b6e7a8c-1d2e-4f3a-9b4c-5d6e7f8a9b0c";
const dialect = new PgDialect();

function compile(filter: unknown) {
  return dialect.sqlToQuery(compileAudience(audienceFilterSchema.parse(filter), WORKSPACE));
}

describe("compileAudience", () => {
  it("always scopes to the workspace, as a parameter", () => {
    const query = compile({});
    expect(query.sql).toBe('c.workspace_id = $1::uuid');
    expect(query.params).toEqual([WORKSPACE]);
  });

  it("compiles 'no conversation opened in 30 days' to one indexed predicate", () => {
    const query = compile({ lastConversation: { op: "older_than_days_or_never", days: 30 } });
    expect(query.sql).toContain("(c.last_conversation_opened_at IS NULL OR c.last_conversation_opened_at < now() - make_interval(days => $2::int))");
    expect(query.params).toEqual([WORKSPACE, 30]);
  });

  it("never puts a user value in the SQL text, however hostile", () => {
    const hostile = "x'); DROP TABLE contacts; --";
    const query = compile({
      attributes: [
        { key: hostile, op: "eq", value: hostile },
        { key: "plan", op: "contains", value: hostile },
        { key: "seats", op: "gt", value: 3 },
      ],
      tags: { any: [hostile], all: ["a"], none: ["b"] },
    });
    expect(query.sql).not.toContain("DROP");
    expect(query.sql).not.toContain("plan");
    expect(query.params).toContain(hostile);
    expect(query.params).toContainEqual([hostile]);
  });

  it("uses array operators for tags and numeric comparisons guarded by the JSON type", () => {
    const query = compile({ attributes: [{ key: "seats", op: "lt", value: 10 }], tags: { any: ["vip"], all: ["paying"], none: ["churned"] } });
    expect(query.sql).toContain("jsonb_typeof(c.attributes -> $2::text) = 'number'");
    expect(query.sql).toContain("c.tags && $");
    expect(query.sql).toContain("c.tags @> $");
    expect(query.sql).toContain("NOT (c.tags && $");
  });
});
