/**
 * npm run bench:inbox — loads each built-in inbox view's first page and the view counts against
 * 1,000,000 conversations (about 95% unanswered campaigns) in a fresh embedded PostgreSQL, and
 * prints p50/p95 per query. Target: p95 under 20 ms. `npm test` runs it once at a tiny size
 * (bench/inbox-views.test.ts) so its code and data keep fitting the schema.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { getDb, getPool } from "@/lib/db/client";
import { buildInboxQuery, countInboxViews, listInboxConversations } from "@/lib/db/queries/inbox";
import { readBenchEnv } from "@/lib/env";
import type { InboxFilters, InboxSort } from "@/lib/inbox/filters";
import { BUILT_IN_VIEWS } from "@/lib/inbox/views";
import { benchDatabase } from "./bench-database";
import { runAsScript } from "./run-as-script";
import { percentile } from "./percentile";

export type InboxBenchOptions = {
  conversations: number;
  /** Timed runs per query, after `warmup` untimed ones. */
  iterations: number;
  warmup: number;
  /** Also print the plans of the first three views in this sort. */
  explain?: InboxSort;
  /** A migrated database to fill instead of a fresh embedded server (the smoke test's). */
  databaseUrl?: string;
};

export type Timing = { label: string; p50: number; p95: number };
export type InboxBenchResult = { conversations: number; opened: number; firstPages: Timing[]; counts: Record<string, number>; worst: Timing };

const AGENTS = 20;
const TEAMS = 5;
const WORKFLOWS = 10;

const WORKSPACE_ID = "b0000000-0000-4000-8000-000000000001";
const OTHER_WORKSPACE_ID = "b0000000-0000-4000-8000-000000000002";
const CHANNEL_ID = "b0000000-0000-4000-8000-0000000000c1";
const OTHER_CHANNEL_ID = "b0000000-0000-4000-8000-0000000000c2";
const agentId = (n: number) => `b0000000-0000-4000-8000-1${String(n).padStart(11, "0")}`;
const teamId = (n: number) => `b0000000-0000-4000-8000-2${String(n).padStart(11, "0")}`;
const workflowId = (n: number) => `b0000000-0000-4000-8000-3${String(n).padStart(11, "0")}`;

async function measure(options: InboxBenchOptions, label: string, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

async function buildData(conversations: number) {
  const contacts = Math.max(1, Math.round(conversations / 5));
  const db = getDb();
  await timed("workspaces, agents, teams, workflows", async () => {
    await db.execute(sql`INSERT INTO workspaces (id, name, plan) VALUES (${WORKSPACE_ID}, 'Bench', 'enterprise'), (${OTHER_WORKSPACE_ID}, 'Other', 'free')`);
    await db.execute(sql`
      INSERT INTO users (id, email, name)
      SELECT ('b0000000-0000-4000-8000-1' || lpad(g::text, 11, '0'))::uuid, 'agent' || g || '@bench.test', 'Agent ' || g
      FROM generate_series(1, ${AGENTS}) g`);
    await db.execute(sql`
      INSERT INTO memberships (workspace_id, user_id, role)
      SELECT ${WORKSPACE_ID}, ('b0000000-0000-4000-8000-1' || lpad(g::text, 11, '0'))::uuid, 'agent' FROM generate_series(1, ${AGENTS}) g`);
    await db.execute(sql`
      INSERT INTO teams (id, workspace_id, name)
      SELECT ('b0000000-0000-4000-8000-2' || lpad(g::text, 11, '0'))::uuid, ${WORKSPACE_ID}, 'Team ' || g FROM generate_series(1, ${TEAMS}) g`);
    await db.execute(sql`
      INSERT INTO channels (id, workspace_id, kind, name, is_default, identity_secret)
      VALUES (${CHANNEL_ID}, ${WORKSPACE_ID}, 'chat', 'Chat', true, 'bench'), (${OTHER_CHANNEL_ID}, ${OTHER_WORKSPACE_ID}, 'chat', 'Chat', true, 'bench')`);
    await db.execute(sql`
      INSERT INTO workflows (id, workspace_id, name, status, draft_graph)
      SELECT ('b0000000-0000-4000-8000-3' || lpad(g::text, 11, '0'))::uuid, ${WORKSPACE_ID}, 'Workflow ' || g, 'live', '{"nodes":[],"edges":[]}'
      FROM generate_series(1, ${WORKFLOWS}) g`);
    // A workflow's conversations name the version that started them (conversations_workflow_version_pair).
    await db.execute(sql`
      INSERT INTO workflow_versions (id, workspace_id, workflow_id, version, graph)
      SELECT ('b0000000-0000-4000-8000-4' || lpad(g::text, 11, '0'))::uuid, ${WORKSPACE_ID},
             ('b0000000-0000-4000-8000-3' || lpad(g::text, 11, '0'))::uuid, 1, '{"nodes":[],"edges":[]}'
      FROM generate_series(1, ${WORKFLOWS}) g`);
    await db.execute(sql`
      UPDATE workflows SET live_version_id = ('b0000000-0000-4000-8000-4' || right(id::text, 11))::uuid WHERE workspace_id = ${WORKSPACE_ID}`);
  });

  await timed(`${contacts.toLocaleString("en")} contacts`, () =>
    db.execute(sql`
      INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email)
      SELECT ${WORKSPACE_ID}, 'c' || g, 'First' || g, 'Last' || g, 'contact' || g || '@bench.test'
      FROM generate_series(1, ${contacts}) g`),
  );

  // Every 20th conversation has opened (5%); the rest are unanswered workflow campaigns.
  await timed(`${conversations.toLocaleString("en")} conversations`, () =>
    db.execute(sql`
      WITH numbered AS (
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts WHERE workspace_id = ${WORKSPACE_ID}
      ), spec AS (
        SELECT g,
               (g % 20 = 0) AS opened,
               now() - make_interval(secs => (hashint4(g)::bigint & 2147483647) % (90 * 86400)) AS at,
               abs(hashint4(g * 7)) % 100 AS r1,
               abs(hashint4(g * 13)) % 100 AS r2,
               abs(hashint4(g * 17)) % 100 AS r3,
               lpad((1 + abs(hashint4(g * 19)) % ${WORKFLOWS})::text, 11, '0') AS wf,
               abs(hashint4(g * 19)) AS r4
        FROM generate_series(1, ${conversations}) g
      )
      INSERT INTO conversations (
        workspace_id, contact_id, channel_id, origin, workflow_id, workflow_version_id, node_id, direction, open_mode, state,
        opened_at, replied_at, last_message_at, last_message_preview, waiting_since,
        assignee_user_id, assignee_team_id, priority, created_at
      )
      SELECT ${WORKSPACE_ID}, numbered.id, ${CHANNEL_ID},
             (CASE WHEN NOT opened OR r1 < 50 THEN 'workflow' WHEN r1 < 90 THEN 'inbound' ELSE 'api' END)::conversation_origin,
             CASE WHEN NOT opened OR r1 < 50 THEN ('b0000000-0000-4000-8000-3' || wf)::uuid END,
             CASE WHEN NOT opened OR r1 < 50 THEN ('b0000000-0000-4000-8000-4' || wf)::uuid END,
             CASE WHEN NOT opened OR r1 < 50 THEN 'start' END,
             'to_contact', 'after_reply',
             (CASE WHEN NOT opened THEN 'campaign' WHEN r2 < 60 THEN 'open' WHEN r2 < 70 THEN 'snoozed' ELSE 'closed' END)::conversation_state,
             CASE WHEN opened THEN at END,
             CASE WHEN opened THEN at END,
             at,
             'Message number ' || g,
             CASE WHEN opened AND r3 < 50 THEN at END,
             CASE WHEN opened AND r3 < 40 THEN ('b0000000-0000-4000-8000-1' || lpad((1 + r4 % ${AGENTS})::text, 11, '0'))::uuid END,
             CASE WHEN opened AND r3 BETWEEN 20 AND 69 THEN ('b0000000-0000-4000-8000-2' || lpad((1 + r4 % ${TEAMS})::text, 11, '0'))::uuid END,
             (CASE WHEN opened AND r1 % 10 = 0 THEN 'high' ELSE 'normal' END)::priority,
             at
      FROM spec JOIN numbered ON numbered.n = 1 + (g % ${contacts})`),
  );

  // What autovacuum does to a live table: statistics, and the visibility map index-only scans use.
  await timed("VACUUM ANALYZE", () => db.execute(sql`VACUUM ANALYZE`));
  const [stats] = (
    await db.execute<{ total: number; opened: number; open: number }>(sql`
      SELECT count(*)::int AS total, count(opened_at)::int AS opened, count(*) FILTER (WHERE opened_at IS NOT NULL AND state = 'open')::int AS open
      FROM conversations`)
  ).rows;
  console.log(`  ${stats!.total.toLocaleString("en")} conversations: ${stats!.opened.toLocaleString("en")} opened (${stats!.open.toLocaleString("en")} open), the rest unanswered campaigns`);
  return { total: stats!.total, opened: stats!.opened };
}

export async function runInboxBench(options: InboxBenchOptions): Promise<InboxBenchResult> {
  console.log(`Parley inbox benchmark — ${options.conversations.toLocaleString("en")} conversations, ${options.iterations} runs per query\n`);
  const database = await benchDatabase({ databaseUrl: options.databaseUrl });
  try {
    console.log("Building the data set:");
    const built = await buildData(options.conversations);

    const viewer = { workspaceId: WORKSPACE_ID, userId: agentId(1) };
    const views: { key: string; label: string; filters: InboxFilters }[] = [
      ...BUILT_IN_VIEWS.map((v) => ({ key: v.key, label: v.label, filters: v.filters as InboxFilters })),
      ...Array.from({ length: TEAMS }, (_, i) => ({ key: `team-${i + 1}`, label: `Team ${i + 1}`, filters: { team: teamId(i + 1) } })),
    ];

    if (options.explain) {
      for (const view of views.slice(0, 3)) {
        const query = buildInboxQuery({ viewer, filters: view.filters, status: "open", sort: options.explain }).toSQL();
        const plan = await getPool().query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params as unknown[]);
        console.log(`\n${view.label}:\n${query.sql}\n${plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")}`);
      }
    }

    console.log(`\nFirst page (25 rows, newest first, status open) — p50 / p95 in ms:`);
    const results: Timing[] = [];
    for (const view of views) {
      results.push(
        await measure(options, view.label, () => listInboxConversations({ viewer, filters: view.filters, status: "open", sort: "newest" })),
      );
    }
    for (const sort of ["oldest", "priority", "waiting"] as const) {
      results.push(await measure(options, `All, sorted ${sort}`, () => listInboxConversations({ viewer, filters: {}, status: "open", sort })));
    }
    results.push(
      await measure(options, "Started by workflows, one workflow", () =>
        listInboxConversations({ viewer, filters: { origin: "workflow", workflowId: workflowId(3) }, status: "open", sort: "newest" }),
      ),
    );
    for (const r of results) console.log(`  ${r.label.padEnd(40)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)}`);

    console.log(`\nCounts — p50 / p95 in ms:`);
    const counts = await countInboxViews({ viewer, views, status: "open" });
    const countResults = [
      await measure(options, `All ${views.length} view counts (one round trip, capped)`, () => countInboxViews({ viewer, views, status: "open" })),
      await measure(options, "Exact counts, one FILTER scan (for comparison)", () =>
        getDb().execute(sql`
          SELECT count(*) FILTER (WHERE assignee_user_id = ${viewer.userId}) AS you,
                 count(*) FILTER (WHERE assignee_user_id IS NULL AND assignee_team_id IS NULL) AS unassigned,
                 count(*) AS all_open,
                 count(*) FILTER (WHERE priority = 'high') AS high,
                 count(*) FILTER (WHERE origin = 'workflow') AS workflows,
                 count(*) FILTER (WHERE origin = 'inbound') AS inbound,
                 count(*) FILTER (WHERE assignee_team_id IS NOT NULL) AS teams
          FROM conversations WHERE workspace_id = ${WORKSPACE_ID} AND opened_at IS NOT NULL AND state = 'open'`),
      ),
    ];
    for (const r of countResults) console.log(`  ${r.label.padEnd(48)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)}`);
    console.log(`  counts: ${views.map((v) => `${v.label} ${counts[v.key]! >= 1000 ? "999+" : counts[v.key]}`).join(", ")}`);

    const all = [...results, countResults[0]!];
    const worst = all.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    console.log(`\nWorst p95: ${worst.p95.toFixed(2)} ms (${worst.label}) — target < 20 ms: ${worst.p95 < 20 ? "met" : "NOT met"}`);
    return { conversations: built.total, opened: built.opened, firstPages: results, counts, worst };
  } finally {
    await database.close();
  }
}

runAsScript(import.meta.url, async () => {
  const env = readBenchEnv();
  await runInboxBench({ conversations: env.BENCH_CONVERSATIONS, iterations: env.BENCH_ITERATIONS, warmup: 20, explain: env.BENCH_EXPLAIN });
});
