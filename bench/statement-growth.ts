/**
 * BENCH_STATEMENTS=true: which statement's cost grows as a fan-out proceeds. The bench's
 * embedded PostgreSQL then loads pg_stat_statements (every statement, nested ones included, so
 * each foreign-key check and trigger query shows as its own line); while a fan-out runs, a
 * snapshot is taken each time another tenth of its batch jobs is done, and at the end the
 * statements that cost most are printed with their time per call in each tenth. A statement
 * whose time per call climbs tenth by tenth is one whose plan reads what the fan-out itself is
 * writing: the cause of a fan-out that grows faster than its contacts.
 */
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

/** Server settings that load the extension (it must be preloaded at start). */
export const STATEMENT_SETTINGS: Readonly<Record<string, string>> = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "all",
  "pg_stat_statements.max": "2000",
};

type Row = { key: string; query: string; calls: number; ms: number; blocks: number };

async function snapshot(): Promise<Map<string, Row>> {
  const rows = await getDb().execute<{ key: string; query: string; calls: string; ms: number; blocks: string }>(sql`
    SELECT queryid::text || ':' || toplevel::text AS key, regexp_replace(left(query, 200), '[[:space:]]+', ' ', 'g') AS query,
      calls::text AS calls, total_exec_time AS ms, (shared_blks_hit + shared_blks_read)::text AS blocks
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`);
  return new Map(rows.rows.map((row) => [row.key, { key: row.key, query: row.query, calls: Number(row.calls), ms: Number(row.ms), blocks: Number(row.blocks) }]));
}

function minus(after: Map<string, Row>, before: Map<string, Row>): Map<string, Row> {
  const delta = new Map<string, Row>();
  for (const [key, row] of after) {
    const was = before.get(key);
    const calls = row.calls - (was?.calls ?? 0);
    if (calls > 0) delta.set(key, { ...row, calls, ms: row.ms - (was?.ms ?? 0), blocks: row.blocks - (was?.blocks ?? 0) });
  }
  return delta;
}

export type StatementGrowth = { stop: () => Promise<string> };

const PARTS = 10;

/**
 * Starts sampling before a fan-out is published; stop() after it is done returns the printed
 * table: the top statements by time, their ms per call in each tenth of the batches, and the
 * shared blocks per call in the first and last tenth.
 */
export async function watchStatementGrowth(label: string): Promise<StatementGrowth> {
  const db = getDb();
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  await db.execute(sql`SELECT pg_stat_statements_reset()`);
  const parts: Map<string, Row>[] = [];
  let last = await snapshot();
  let totalBatches = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const pending = await db.execute<{ n: string }>(sql`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'workflow:audience-batch'`);
      const left = Number(pending.rows[0]!.n);
      totalBatches = Math.max(totalBatches, left);
      const done = totalBatches - left;
      if (totalBatches > 0 && parts.length < PARTS - 1 && done >= ((parts.length + 1) * totalBatches) / PARTS) {
        const now = await snapshot();
        parts.push(minus(now, last));
        last = now;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      parts.push(minus(await snapshot(), last));
      const totals = new Map<string, Row>();
      for (const part of parts) {
        for (const row of part.values()) {
          const sum = totals.get(row.key);
          totals.set(row.key, sum ? { ...sum, calls: sum.calls + row.calls, ms: sum.ms + row.ms, blocks: sum.blocks + row.blocks } : { ...row });
        }
      }
      const top = [...totals.values()].filter((row) => !/pg_stat_statements|graphile_worker\.jobs WHERE task_identifier/.test(row.query)).sort((a, b) => b.ms - a.ms).slice(0, 15);
      const lines = top.map((row) => {
        const perCall = parts.map((part) => {
          const p = part.get(row.key);
          return p && p.calls > 0 ? (p.ms / p.calls).toFixed(3) : "-";
        });
        const first = parts.find((part) => part.get(row.key))?.get(row.key);
        const lastPart = [...parts].reverse().find((part) => part.get(row.key))?.get(row.key);
        const blocks = (part?: Row) => (part ? (part.blocks / part.calls).toFixed(1) : "-");
        return `  ${(row.ms / 1000).toFixed(2).padStart(7)} s ${String(row.calls).padStart(8)} calls  ms/call by tenth: ${perCall.join(" ")}  blocks/call ${blocks(first)} → ${blocks(lastPart)}\n      ${row.query}`;
      });
      return `Statements of ${label} (pg_stat_statements, nested included; ${totalBatches} batch jobs in ${parts.length} parts)\n${lines.join("\n")}`;
    },
  };
}
