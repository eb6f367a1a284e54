/**
 * npm run bench:results — a workflow's Results tab at 100,000 recipients, in a fresh embedded
 * PostgreSQL: p50 / p95 of each aggregate the page runs (the funnel per step and per Split path
 * with goals met, the chart by day and by hour,
 * the recipients' first page, filtered, and a later page) and of the whole page: its loader (the
 * queries as the page runs them) plus rendering it to HTML, as the server does. Target: the page
 * under 300 ms. Beside the timed workflow, another workspace holds a workflow of the same size, so
 * every query has to find its own rows among others. CPU time of this process is printed beside
 * wall time (the rest is PostgreSQL's).
 *
 * `npm test` runs it once at a tiny size (bench/results.test.ts) so it keeps fitting the schema.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { sql } from "drizzle-orm";
import { ResultsView } from "@/components/workflow-results/results-view";
import { getDb } from "@/lib/db/client";
import { loadResultsPage, resultsParamsSchema } from "@/lib/results/results-page-data";
import { listRecipients, loadChart, loadFunnel, loadFunnels } from "@/lib/results/workflow-results";
import { benchDatabase } from "./bench-database";
import { percentile } from "./percentile";
import { runAsScript } from "./run-as-script";

export type ResultsBenchOptions = {
  recipients: number;
  iterations: number;
  warmup: number;
  /** A migrated database to fill instead of a fresh embedded server (the smoke test's). */
  databaseUrl?: string;
};

export type Timing = { label: string; p50: number; p95: number; cpuP50: number };
export type ResultsBenchResult = { timings: Timing[]; page: Timing; funnel: Awaited<ReturnType<typeof loadFunnel>>; startNodes: string[] };

const WORKSPACE = "e0000000-0000-4000-8000-000000000001";
const OTHER_WORKSPACE = "e0000000-0000-4000-8000-000000000002";
const WORKFLOW = "e0000000-0000-4000-8000-0000000000f1";
const OTHER_WORKFLOW = "e0000000-0000-4000-8000-0000000000f2";
// Node ids are random per graph, as the editor makes them (8 hex characters): the two Start a
// Conversation steps, then the Split (so the other workspace's Split steps are not this one's).
const nodeIds = () => [randomUUID().slice(0, 8), randomUUID().slice(0, 8), randomUUID().slice(0, 8)];

const graphOf = ([s1, s2, SPLIT]: string[]) => ({
  nodes: [
    { id: "t", type: "manual", position: { x: 0, y: 0 }, config: {} },
    { id: s1, type: "start_conversation", position: { x: 0, y: 100 }, config: {} },
    { id: s2, type: "start_conversation", position: { x: 0, y: 200 }, config: {} },
    { id: SPLIT, type: "split", position: { x: 0, y: 50 }, config: { shares: [50, 50] } },
  ],
  edges: [
    { id: "e0", source: "t", target: SPLIT, sourceHandle: null },
    { id: "e1", source: SPLIT, target: s1, sourceHandle: "path_a" },
    { id: "e2", source: SPLIT, target: s2, sourceHandle: "path_b" },
  ],
});
const GOAL = { condition: { kind: "contact_replied" }, exitWhenMet: true };

/**
 * One workspace's workflow and its recipients, set-based: per 100 recipients 2 skipped and 1
 * failed before sending (run_steps, as the engine writes them), the rest conversations (a tenth at
 * s2) over the last 30 days, their first messages' statuses spread queued … replied. Every run
 * passed a Split first (its step's outcome alternating path_a / path_b), and the workflow's goal
 * "the contact replies" was met by every run whose contact replied.
 */
export async function seedWorkflow(workspaceId: string, workflowId: string, count: number, [s1, s2, SPLIT]: string[]) {
  const db = getDb();
  const graph = graphOf([s1!, s2!, SPLIT!]);
  await db.execute(sql`INSERT INTO workspaces (id, name, plan) VALUES (${workspaceId}, 'Results bench', 'enterprise')`);
  const channel = await db.execute<{ id: string }>(sql`
    INSERT INTO channels (workspace_id, kind, name, is_default, identity_secret) VALUES (${workspaceId}, 'chat', 'Chat', true, 's') RETURNING id`);
  const channelId = channel.rows[0]!.id;
  await db.execute(sql`INSERT INTO workflows (id, workspace_id, name, status, draft_graph) VALUES (${workflowId}, ${workspaceId}, 'Win-back', 'live', ${JSON.stringify(graph)}::jsonb)`);
  const version = await db.execute<{ id: string }>(sql`
    INSERT INTO workflow_versions (workspace_id, workflow_id, version, graph, trigger_type, goal)
    VALUES (${workspaceId}, ${workflowId}, 1, ${JSON.stringify(graph)}::jsonb, 'manual', ${JSON.stringify(GOAL)}::jsonb) RETURNING id`);
  const versionId = version.rows[0]!.id;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      CREATE TEMP TABLE bench_recipients ON COMMIT DROP AS
      SELECT g, gen_random_uuid() AS contact_id, gen_random_uuid() AS run_id, gen_random_uuid() AS conversation_id,
        now() - (g % 30) * interval '1 day' - (g % 24) * interval '1 hour' - (g % 3600) * interval '1 second' AS at
      FROM generate_series(1, ${count}) g`);
    await tx.execute(sql`
      INSERT INTO contacts (id, workspace_id, first_name, last_name, email)
      SELECT contact_id, ${workspaceId}, (ARRAY['Ada','Grace','Alan','Edsger','Barbara'])[1 + g % 5], 'Recipient ' || g, 'r' || g || '@bench.test' FROM bench_recipients`);
    await tx.execute(sql`
      INSERT INTO workflow_runs (id, workspace_id, workflow_id, version_id, contact_id, trigger_key, status, created_at, updated_at, finished_at)
      SELECT run_id, ${workspaceId}, ${workflowId}, ${versionId}, contact_id, 'once', 'completed', at, at, at FROM bench_recipients`);
    await tx.execute(sql`
      INSERT INTO run_steps (run_id, node_id, node_type, status, detail, error, created_at)
      SELECT run_id, ${s1}, 'start_conversation', CASE WHEN g % 100 < 2 THEN 'skipped' ELSE 'error' END::step_status,
        CASE WHEN g % 100 < 2 THEN '{"reason":"unsubscribed from email"}'::jsonb ELSE '{}'::jsonb END,
        CASE WHEN g % 100 < 2 THEN 'unsubscribed from email' ELSE 'plan is empty for this contact and has no fallback.' END, at
      FROM bench_recipients WHERE g % 100 < 3`);
    await tx.execute(sql`
      INSERT INTO run_steps (run_id, node_id, node_type, status, outcome, detail, created_at)
      SELECT run_id, ${SPLIT}, 'split', 'ok', CASE WHEN g % 2 = 0 THEN 'path_a' ELSE 'path_b' END, '{"share":50}'::jsonb, at FROM bench_recipients`);
    await tx.execute(sql`
      INSERT INTO conversations (id, workspace_id, contact_id, channel_id, origin, workflow_id, workflow_version_id, run_id, node_id, state,
        outreach_status, outreach_sent_at, outreach_status_at, outreach_reason, opened_at, replied_at, created_at, updated_at, last_message_at)
      SELECT conversation_id, ${workspaceId}, contact_id, ${channelId}, 'workflow', ${workflowId}, ${versionId}, run_id, CASE WHEN g % 10 = 9 THEN ${s2} ELSE ${s1} END,
        CASE WHEN s = 'replied' THEN 'open' ELSE 'campaign' END::conversation_state,
        s::outreach_status, CASE WHEN s <> 'queued' THEN at + interval '1 minute' END, at + interval '2 hours',
        CASE WHEN s = 'failed' THEN 'The SMS provider refused the message: Invalid ''To'' Phone Number (21211)' END,
        CASE WHEN s = 'replied' THEN at + interval '2 hours' END, CASE WHEN s = 'replied' THEN at + interval '2 hours' END, at, at, at
      FROM (SELECT *, (ARRAY['sent','sent','sent','sent','sent','sent','delivered','delivered','delivered','delivered','delivered',
                             'seen','seen','seen','replied','replied','replied','failed','queued','queued'])[1 + (g / 7) % 20] AS s
            FROM bench_recipients WHERE g % 100 >= 3) r`);
    await tx.execute(sql`
      UPDATE workflow_runs r SET goal_met_at = c.replied_at FROM conversations c
      WHERE c.run_id = r.id AND c.workspace_id = ${workspaceId} AND c.outreach_status = 'replied'`);
  });
}

async function measure(iterations: number, warmup: number, work: () => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) await work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const used = process.cpuUsage();
    const start = performance.now();
    await work();
    wall.push(performance.now() - start);
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

export async function runResultsBench(options: ResultsBenchOptions): Promise<ResultsBenchResult> {
  console.log(`Parley results benchmark — a workflow's Results tab at ${options.recipients.toLocaleString("en")} recipients (and as many in another workspace)\n`);
  const database = await benchDatabase({ databaseUrl: options.databaseUrl });
  try {
    const seedStart = performance.now();
    const NODES = nodeIds();
    const START_NODES = NODES.slice(0, 2);
    const SPLIT = NODES[2]!;
    await seedWorkflow(WORKSPACE, WORKFLOW, options.recipients, NODES);
    await seedWorkflow(OTHER_WORKSPACE, OTHER_WORKFLOW, options.recipients, nodeIds());
    await getDb().execute(sql`VACUUM ANALYZE`);
    console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);

    const db = getDb();
    const scope = { workspaceId: WORKSPACE, workflowId: WORKFLOW };
    const firstPage = await listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50 });
    const cases: [string, () => Promise<unknown>][] = [
      ["funnel per step, with goals", () => loadFunnel(db, { ...scope, startNodeIds: START_NODES, goals: true })],
      // What the page runs: both funnels from one pass over the recipients (loadFunnels).
      ["funnels per step and per Split path, with goals", () => loadFunnels(db, { ...scope, startNodeIds: START_NODES, goals: true, splits: [{ splitNodeId: SPLIT, pathIds: ["path_a", "path_b"], startNodeIds: START_NODES }] })],
      ["chart per day (30 days)", () => loadChart(db, { ...scope, unit: "day" })],
      ["chart per hour (48 hours)", () => loadChart(db, { ...scope, unit: "hour" })],
      ["recipients, first page", () => listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50 })],
      ["recipients, next page", () => listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50, after: firstPage.next })],
      ["recipients, status failed", () => listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50, filter: { status: "failed" } })],
      ["recipients, step 2 + replied", () => listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50, filter: { nodeId: START_NODES[1], status: "replied" } })],
      ["recipients, skipped", () => listRecipients(db, { ...scope, startNodeIds: START_NODES, limit: 50, filter: { status: "skipped" } })],
    ];
    const timings: Timing[] = [];
    for (const [label, work] of cases) {
      const { wall, cpu } = await measure(options.iterations, options.warmup, work);
      timings.push({ label, p50: percentile(wall, 50), p95: percentile(wall, 95), cpuP50: percentile(cpu, 50) });
    }
    const params = resultsParamsSchema.parse({});
    const renderPage = async () => {
      const data = await loadResultsPage(db, WORKSPACE, WORKFLOW, params);
      return renderToString(createElement(ResultsView, { workspaceId: WORKSPACE, data: data!, params }));
    };
    const html = await renderPage();
    if (!html.includes("Recipients")) throw new Error("the page did not render");
    const pageRun = await measure(options.iterations, options.warmup, renderPage);
    const page = { label: "the whole page (loader + render to HTML)", p50: percentile(pageRun.wall, 50), p95: percentile(pageRun.wall, 95), cpuP50: percentile(pageRun.cpu, 50) };

    console.log(`${"".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"CPU p50".padStart(8)}`);
    for (const t of [...timings, page]) console.log(`  ${t.label.padEnd(42)} ${t.p50.toFixed(2).padStart(8)} ${t.p95.toFixed(2).padStart(8)} ${t.cpuP50.toFixed(2).padStart(8)}`);
    console.log(`\n  page p95 ${page.p95.toFixed(1)} ms — target < 300 ms: ${page.p95 < 300 ? "met" : "NOT met"} (CPU: this process; the rest of the wall time is PostgreSQL's)`);
    const funnel = await loadFunnel(db, { ...scope, startNodeIds: START_NODES, goals: true });
    return { timings, page, funnel, startNodes: START_NODES };
  } finally {
    await database.close();
  }
}

runAsScript(import.meta.url, async () => {
  await runResultsBench({ recipients: 100_000, iterations: 30, warmup: 3 });
});
