import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { QueryResult, QueryResultRow } from "pg";
import type { DbOrTx } from "./client";

/**
 * What drizzle leaves out of its public types (drizzle-orm 0.45, pinned; the test of this file
 * fails if it changes): its own path for `db.execute`, which takes a statement name (the handle's
 * session and dialect), and the connection a handle's session queries (`client`: the pool, or a
 * transaction's connection), which a prepared query keeps as its own `client`.
 */
type DrizzleInternals = {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    client: unknown;
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
  };
};

/**
 * Runs a raw statement as a named statement on whichever connection `db` is (the pool's, or the
 * transaction's): PostgreSQL parses it once per connection and, once its plan cache finds a generic
 * plan as cheap as planning each time, stops planning it. For the hottest statements only, each
 * chosen because its plan cannot depend on its parameters' values (a lookup or write by key):
 * planning was 45% of PostgreSQL's CPU per chat message (pg_stat_statements, Performance › Load),
 * but a generic plan for a statement over an array of ids, named for all statements at once, made
 * replies during a campaign 40 times slower in one statement. Query-builder statements use
 * drizzle's own `.prepare(name)`, one name per shape of the statement.
 *
 * The name carries a digest of the text, so one call site whose statement varies (a caller's own
 * rows in a CTE) gets one name per variant. Named statements need a session: a direct connection,
 * a session-mode pooler, or PgBouncer ≥ 1.21 with max_prepared_statements.
 */
export async function executeNamed<T extends QueryResultRow>(db: DbOrTx, name: string, query: SQL): Promise<QueryResult<T>> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const built = dialect.sqlToQuery(query);
  const digest = createHash("sha1").update(built.sql).digest("base64url").slice(0, 12);
  return (await session.prepareQuery(built, undefined, `${name}_${digest}`, false).execute()) as QueryResult<T>;
}

type PreparedStatement<Result> = { execute(values?: Record<string, unknown>): Promise<Result> };

/**
 * A query-builder statement built once per process, its values as `sql.placeholder(name)`, then
 * run as the named statement `name` on whichever connection `db` is (the pool's, or a
 * transaction's). For a chat message's statements: drizzle building them anew took about 6% of
 * the web process's CPU under the load bench, for text that never changes. One name per shape, as
 * for `.prepare(name)`.
 */
export function statementBuiltOnce<Result>(name: string, build: (db: DbOrTx) => { prepare(name: string): PreparedStatement<Result> }) {
  let built: PreparedStatement<Result> | undefined;
  return (db: DbOrTx, values: Record<string, unknown>): Promise<Result> => {
    built ??= build(db).prepare(name);
    // drizzle's prepared query holds the connection it was built on: a copy of it runs on this one.
    const onThisConnection = Object.assign(Object.create(Object.getPrototypeOf(built) as object) as PreparedStatement<Result>, built, {
      client: (db as unknown as DrizzleInternals).session.client,
    });
    return onThisConnection.execute(values);
  };
}
