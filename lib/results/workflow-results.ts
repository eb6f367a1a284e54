import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { runSteps, workflowRuns } from "@/lib/db/schema/workflows";
import { asDate, textArray } from "@/lib/db/sql-params";

/**
 * A workflow's results (its Results tab, lib/results): every number comes from an aggregate over
 * conversations_workflow_results_idx (the conversations its Start a Conversation steps started,
 * each carrying its first message's status, lib/outreach-status) and, for the contacts a step
 * skipped or failed before anything was sent, the run_steps rows the engine wrote for them
 * (run_steps_not_ok_idx). Every query is scoped to the workspace; none reads a whole table.
 *
 * Raw SQL on purpose: FILTER aggregates, a UNION ALL under one keyset and date_trunc buckets have
 * no query-builder form; columns are still named through the schema.
 */

export type FunnelRow = {
  /** The Start a Conversation node (or, grouped by a Split, the Split's output). */
  key: string;
  entered: number;
  sent: number;
  delivered: number;
  seen: number;
  /** The contact replied: the conversation started. */
  started: number;
  /** Goals met: null until the workflow has goals (issue 16 point 3). */
  goal: number | null;
  failed: number;
  skipped: number;
};

const c = conversations;
const s = runSteps;
const r = workflowRuns;

/**
 * The segment each recipient is counted under: per Start a Conversation node (BY_NODE), or per
 * output of a Split (bySplitPath): the output the run left that Split by, from its step log
 * (run_steps' outcome, by run_steps_split_idx), joined to each recipient's run (x.run_id in
 * loadFunnel). `keys` are the rows shown even at zero.
 */
export type FunnelSegment = { key: SQL; join: (runId: SQL) => SQL; keys: readonly string[] | null };
export const BY_NODE: FunnelSegment = { key: sql`x.node_id`, join: () => sql``, keys: null };

/** The Split step's outcome (its path's port id) for the run of each recipient; null for runs that never passed it. */
export function bySplitPath(splitNodeId: string, pathIds: readonly string[]): FunnelSegment {
  // A join, not a subquery per recipient: at 100,000 recipients the planner hashes the Split's
  // steps once instead of looking one up per row (about 5× faster in bench:results), reading them
  // from run_steps_split_idx (node_type = 'split' names that partial index).
  return {
    key: sql`sp.outcome`,
    join: (runId) => sql`LEFT JOIN run_steps sp ON sp.run_id = ${runId} AND sp.node_id = ${splitNodeId} AND sp.node_type = 'split'`,
    keys: pathIds,
  };
}

/**
 * The funnel entered → sent → delivered → seen → started (→ goal) per segment, failures and skips
 * beside it, counting the recipients of `startNodeIds`. With `goals` (the workflow has one), each
 * row's goal counts the runs among its recipients that met it, once per run (workflow_runs.goal_met_at).
 */
export async function loadFunnel(
  db: DbOrTx,
  input: { workspaceId: string; workflowId: string; startNodeIds: readonly string[]; segment?: FunnelSegment; goals?: boolean },
): Promise<FunnelRow[]> {
  const segment = input.segment ?? BY_NODE;
  const nodes = textArray(input.startNodeIds);
  // One pass over the recipients, whatever the segment: the conversations (an index-only range of
  // conversations_workflow_results_idx) and the steps that skipped or failed a contact before
  // anything was sent (run_steps_not_ok_idx, each checked against its run), side by side, the
  // segment (a Split's path: one hash join on run_steps_split_idx) joined once to both. Statuses
  // only move forward (lib/outreach-status), so each stage counts everyone who reached it or went
  // further: a reply means the message was seen; a failure after sending was sent.
  const countsQuery = db.execute<{ key: string; entered: number; sent: number; delivered: number; seen: number; started: number; failed: number; skipped: number }>(sql`
    SELECT ${segment.key} AS key, count(*)::int AS entered,
      count(*) FILTER (WHERE x.sent_at IS NOT NULL OR x.status IN ('delivered', 'seen', 'replied'))::int AS sent,
      count(*) FILTER (WHERE x.status IN ('delivered', 'seen', 'replied'))::int AS delivered,
      count(*) FILTER (WHERE x.status IN ('seen', 'replied'))::int AS seen,
      count(*) FILTER (WHERE x.status = 'replied')::int AS started,
      count(*) FILTER (WHERE x.status IN ('failed', 'error'))::int AS failed,
      count(*) FILTER (WHERE x.status = 'skipped')::int AS skipped
    FROM (
      SELECT ${c.nodeId} AS node_id, ${c.runId} AS run_id, ${c.outreachSentAt} AS sent_at, ${c.outreachStatus}::text AS status
      FROM ${c}
      WHERE ${c.workspaceId} = ${input.workspaceId} AND ${c.workflowId} = ${input.workflowId} AND ${c.outreachStatus} IS NOT NULL
        AND ${c.nodeId} = ANY(${nodes})
      UNION ALL
      SELECT ${s.nodeId}, ${s.runId}, NULL, ${s.status}::text
      FROM ${s} JOIN ${r} ON ${r.id} = ${s.runId}
      WHERE ${s.status} <> 'ok' AND ${s.nodeId} = ANY(${nodes})
        AND ${r.workspaceId} = ${input.workspaceId} AND ${r.workflowId} = ${input.workflowId} AND NOT ${r.isTest}
    ) x
    ${segment.join(sql`x.run_id`)}
    WHERE ${segment.key} IS NOT NULL
    GROUP BY 1`);
  // Conversions start from the workflow's converted runs (workflow_runs_goal_met_idx holds only
  // those), each looked up at these nodes by run and node (conversations_run_node_key,
  // run_steps_run_node_key); DISTINCT so a run reaching two of the nodes counts once per segment.
  // Issued beside the counts: the two run on separate pooled connections.
  const goalCountsQuery = input.goals
    ? db.execute<{ key: string; goal: number }>(sql`
        SELECT ${segment.key} AS key, count(DISTINCT x.run_id)::int AS goal
        FROM (
          SELECT ${c.nodeId} AS node_id, ${c.runId} AS run_id
          FROM ${r} JOIN ${c} ON ${c.runId} = ${r.id} AND ${c.nodeId} = ANY(${nodes}) AND ${c.workspaceId} = ${input.workspaceId} AND ${c.outreachStatus} IS NOT NULL
          WHERE ${r.workflowId} = ${input.workflowId} AND ${r.goalMetAt} IS NOT NULL AND ${r.workspaceId} = ${input.workspaceId} AND NOT ${r.isTest}
          UNION ALL
          SELECT ${s.nodeId}, ${s.runId}
          FROM ${r} JOIN ${s} ON ${s.runId} = ${r.id} AND ${s.nodeId} = ANY(${nodes}) AND ${s.status} <> 'ok'
          WHERE ${r.workflowId} = ${input.workflowId} AND ${r.goalMetAt} IS NOT NULL AND ${r.workspaceId} = ${input.workspaceId} AND NOT ${r.isTest}
        ) x
        ${segment.join(sql`x.run_id`)}
        WHERE ${segment.key} IS NOT NULL
        GROUP BY 1`)
    : null;
  const [counts, goalCounts] = await Promise.all([countsQuery, goalCountsQuery]);

  const rows = new Map<string, FunnelRow>();
  const row = (key: string) => {
    let found = rows.get(key);
    if (!found) {
      found = { key, entered: 0, sent: 0, delivered: 0, seen: 0, started: 0, goal: input.goals ? 0 : null, failed: 0, skipped: 0 };
      rows.set(key, found);
    }
    return found;
  };
  for (const key of segment.keys ?? input.startNodeIds) row(key);
  for (const { key, ...stages } of counts.rows) Object.assign(row(key), stages);
  for (const { key, goal } of goalCounts?.rows ?? []) row(key).goal = goal;
  return [...rows.values()];
}

export type ChartUnit = "day" | "hour";
export type ChartPoint = { bucket: string; sends: number; replies: number; goals: number };

/** How far back the chart reaches: 30 days by day, 48 hours by hour. */
export const CHART_SPAN = { day: { count: 30, ms: 86_400_000 }, hour: { count: 48, ms: 3_600_000 } } as const;

/**
 * Sends, replies and goals met per day or hour (UTC), every bucket of the span present (zeros
 * included) so the chart's axis is even.
 */
export async function loadChart(db: DbOrTx, input: { workspaceId: string; workflowId: string; unit: ChartUnit; now?: Date }): Promise<ChartPoint[]> {
  const span = CHART_SPAN[input.unit];
  const now = input.now ?? new Date();
  const unit = input.unit;
  const last = new Date(Math.floor(now.getTime() / span.ms) * span.ms);
  const since = new Date(last.getTime() - (span.count - 1) * span.ms);
  // Each side counted per bucket first (a hash of at most 48 groups, no sort of every row), then
  // laid over the span's buckets. Hours and days are whole in UTC, so the buckets are computed here.
  const result = await db.execute<ChartPoint>(sql`
    WITH events AS (
      SELECT date_trunc(${unit}, ${c.outreachSentAt} AT TIME ZONE 'UTC') AS bucket, count(*) AS sends, 0 AS replies, 0 AS goals
      FROM ${c}
      WHERE ${c.workspaceId} = ${input.workspaceId} AND ${c.workflowId} = ${input.workflowId} AND ${c.outreachSentAt} >= ${since.toISOString()}::timestamptz
      GROUP BY 1
      UNION ALL
      SELECT date_trunc(${unit}, ${c.outreachStatusAt} AT TIME ZONE 'UTC'), 0, count(*), 0
      FROM ${c}
      WHERE ${c.workspaceId} = ${input.workspaceId} AND ${c.workflowId} = ${input.workflowId} AND ${c.outreachStatus} = 'replied'
        AND ${c.outreachStatusAt} >= ${since.toISOString()}::timestamptz
      GROUP BY 1
      UNION ALL
      -- Goals met, by workflow_runs_goal_met_idx (workflow, goal_met_at): only converted runs.
      SELECT date_trunc(${unit}, ${r.goalMetAt} AT TIME ZONE 'UTC'), 0, 0, count(*)
      FROM ${r}
      WHERE ${r.workflowId} = ${input.workflowId} AND ${r.goalMetAt} >= ${since.toISOString()}::timestamptz AND ${r.workspaceId} = ${input.workspaceId} AND NOT ${r.isTest}
      GROUP BY 1
    )
    SELECT to_char(b.bucket, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS bucket, coalesce(sum(e.sends), 0)::int AS sends, coalesce(sum(e.replies), 0)::int AS replies,
      coalesce(sum(e.goals), 0)::int AS goals
    FROM generate_series(${since.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${last.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${`1 ${unit}`}::interval) AS b(bucket)
    LEFT JOIN events e ON e.bucket = b.bucket
    GROUP BY b.bucket ORDER BY b.bucket`);
  return result.rows;
}

export const RECIPIENT_STATUSES = ["queued", "sent", "delivered", "seen", "replied", "failed", "skipped"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export type RecipientFilter = { nodeId?: string | null; status?: RecipientStatus | null };
export type RecipientCursor = { at: string; id: string };

export type RecipientRow = {
  id: string;
  contactId: string;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  nodeId: string;
  status: RecipientStatus;
  reason: string | null;
  /** When its status last changed (a skipped or failed step: when it ran). */
  at: Date;
  /** Its conversation, when the step started one, and whether it is in the inbox (opened) yet. */
  conversationId: string | null;
  conversationState: "campaign" | "open" | "snoozed" | "closed" | null;
  opened: boolean;
  /** Its place in the list (the step's time), for the next page's cursor. */
  cursor: RecipientCursor;
};

type RawRecipient = {
  id: string; contact_id: string; first_name: string | null; last_name: string | null; email: string | null; phone: string | null;
  node_id: string; status: RecipientStatus; reason: string | null; at: string; position: string; conversation_id: string | null;
  conversation_state: "campaign" | "open" | "snoozed" | "closed" | null; opened: boolean;
};

/**
 * A page of the workflow's recipients, newest first: its conversations (with their first
 * message's status) and the steps that skipped or failed a contact before anything was sent,
 * filtered by node and status, by keyset (created_at, id) so every page is an index range.
 */
export async function listRecipients(
  db: DbOrTx,
  input: { workspaceId: string; workflowId: string; startNodeIds: readonly string[]; filter?: RecipientFilter; after?: RecipientCursor | null; limit: number },
): Promise<{ rows: RecipientRow[]; next: RecipientCursor | null }> {
  const filter = input.filter ?? {};
  const status = filter.status ?? null;
  const nodeIds = filter.nodeId ? input.startNodeIds.filter((id) => id === filter.nodeId) : input.startNodeIds;
  const fromConversations = status !== "skipped";
  const fromSteps = status === null || status === "skipped" || status === "failed";
  const take = input.limit + 1;
  const branches: SQL[] = [];
  if (fromConversations) {
    branches.push(sql`(
      SELECT ${c.id} AS id, ${c.contactId} AS contact_id, ${c.nodeId} AS node_id, ${c.outreachStatus}::text AS status, ${c.outreachReason} AS reason,
        coalesce(${c.outreachStatusAt}, ${c.createdAt}) AS at, ${c.createdAt} AS position, ${c.id} AS conversation_id,
        ${c.state}::text AS conversation_state, ${c.openedAt} IS NOT NULL AS opened
      FROM ${c}
      WHERE ${c.workspaceId} = ${input.workspaceId} AND ${c.workflowId} = ${input.workflowId} AND ${c.outreachStatus} IS NOT NULL
        ${filter.nodeId ? sql`AND ${c.nodeId} = ${filter.nodeId}` : sql``}
        ${status ? sql`AND ${c.outreachStatus} = ${status}` : sql``}
        ${input.after ? sql`AND (${c.createdAt}, ${c.id}) < (${input.after.at}::timestamptz, ${input.after.id}::uuid)` : sql``}
      ORDER BY ${c.createdAt} DESC, ${c.id} DESC LIMIT ${take})`);
  }
  if (fromSteps && nodeIds.length > 0) {
    branches.push(sql`(
      SELECT ${s.id} AS id, ${r.contactId} AS contact_id, ${s.nodeId} AS node_id,
        CASE ${s.status} WHEN 'skipped' THEN 'skipped' ELSE 'failed' END AS status,
        coalesce(${s.detail}->>'reason', ${s.error}) AS reason, ${s.createdAt} AS at, ${s.createdAt} AS position, NULL::uuid AS conversation_id,
        NULL::text AS conversation_state, false AS opened
      FROM ${s} JOIN ${r} ON ${r.id} = ${s.runId}
      WHERE ${s.status} <> 'ok' AND ${s.nodeId} = ANY(${textArray(nodeIds)})
        AND ${r.workspaceId} = ${input.workspaceId} AND ${r.workflowId} = ${input.workflowId} AND NOT ${r.isTest}
        ${status === "skipped" ? sql`AND ${s.status} = 'skipped'` : status === "failed" ? sql`AND ${s.status} = 'error'` : sql``}
        ${input.after ? sql`AND (${s.createdAt}, ${s.id}) < (${input.after.at}::timestamptz, ${input.after.id}::uuid)` : sql``}
      ORDER BY ${s.createdAt} DESC, ${s.id} DESC LIMIT ${take})`);
  }
  if (branches.length === 0) return { rows: [], next: null };
  const result = await db.execute<RawRecipient>(sql`
    SELECT u.id, u.contact_id, ct.first_name, ct.last_name, ct.email, ct.phone, u.node_id, u.status, u.reason,
      u.at, to_char(u.position AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position, u.conversation_id, u.conversation_state, u.opened
    FROM (${sql.join(branches, sql` UNION ALL `)}) u
    JOIN contacts ct ON ct.id = u.contact_id AND ct.workspace_id = ${input.workspaceId}
    ORDER BY u.position DESC, u.id DESC LIMIT ${take}`);
  const rows = result.rows.slice(0, input.limit).map(
    (row): RecipientRow => ({
      id: row.id,
      contactId: row.contact_id,
      contactFirstName: row.first_name,
      contactLastName: row.last_name,
      contactEmail: row.email,
      contactPhone: row.phone,
      nodeId: row.node_id,
      status: row.status,
      reason: row.reason,
      at: asDate(row.at),
      conversationId: row.conversation_id,
      conversationState: row.conversation_state,
      opened: row.opened,
      cursor: { at: row.position, id: row.id },
    }),
  );
  return { rows, next: result.rows.length > input.limit ? rows.at(-1)!.cursor : null };
}
