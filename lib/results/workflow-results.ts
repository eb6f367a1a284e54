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
 * A Split the funnel is also counted by: each recipient under the path its run left that Split by
 * (the Split step's outcome in the run's log, run_steps_split_idx), counting only the recipients
 * of `startNodeIds` (the Start a Conversation steps after it). `pathIds` are the rows shown even at zero.
 */
export type SplitSegment = { splitNodeId: string; pathIds: readonly string[]; startNodeIds: readonly string[] };

/** What loadFunnel counts by: each Start a Conversation node (BY_NODE), or a Split's paths (bySplitPath). */
export type FunnelSegment = { split: { splitNodeId: string; pathIds: readonly string[] } | null };
export const BY_NODE: FunnelSegment = { split: null };

/** The Split step's outcome (its path's port id) for the run of each recipient; runs that never passed it are not counted. */
export function bySplitPath(splitNodeId: string, pathIds: readonly string[]): FunnelSegment {
  return { split: { splitNodeId, pathIds } };
}

/** A status as both sides of the funnel name it: a first message's outreach status, or a step's (skipped / error). */
type RecipientState = { status: string; sentAtSet: boolean };

/** Statuses only move forward (lib/outreach-status), so each stage counts everyone who reached it or went further: a reply means the message was seen; a failure after sending was sent. */
function addToFunnel(row: FunnelRow, { status, sentAtSet }: RecipientState, n: number) {
  row.entered += n;
  const delivered = status === "delivered" || status === "seen" || status === "replied";
  if (sentAtSet || delivered) row.sent += n;
  if (delivered) row.delivered += n;
  if (status === "seen" || status === "replied") row.seen += n;
  if (status === "replied") row.started += n;
  if (status === "failed" || status === "error") row.failed += n;
  if (status === "skipped") row.skipped += n;
}

function emptyRows(keys: readonly string[], goals: boolean): Map<string, FunnelRow> {
  return new Map(keys.map((key) => [key, { key, entered: 0, sent: 0, delivered: 0, seen: 0, started: 0, goal: goals ? 0 : null, failed: 0, skipped: 0 }]));
}

function rowOf(rows: Map<string, FunnelRow>, key: string, goals: boolean): FunnelRow {
  let found = rows.get(key);
  if (!found) {
    found = { key, entered: 0, sent: 0, delivered: 0, seen: 0, started: 0, goal: goals ? 0 : null, failed: 0, skipped: 0 };
    rows.set(key, found);
  }
  return found;
}

/**
 * The funnel entered → sent → delivered → seen → started (→ goal) per Start a Conversation node
 * and per path of each Split, failures and skips beside it, counting the recipients of
 * `startNodeIds`, all in one pass over the recipients (two queries, issued together). With
 * `goals` (the workflow has one), each row's goal counts the runs among its recipients that met
 * it, once per run (workflow_runs.goal_met_at).
 */
export async function loadFunnels(
  db: DbOrTx,
  input: { workspaceId: string; workflowId: string; startNodeIds: readonly string[]; splits?: readonly SplitSegment[]; goals?: boolean },
): Promise<{ byNode: FunnelRow[]; bySplit: FunnelRow[][] }> {
  const splits = input.splits ?? [];
  const goals = input.goals ?? false;
  const nodes = textArray(input.startNodeIds);
  // The recipients, once: the conversations (an index-only range of conversations_workflow_results_idx)
  // and the steps that skipped or failed a contact before anything was sent (run_steps_not_ok_idx,
  // each checked against its run), side by side.
  const recipients = (goalsOnly: boolean) => sql`(
      SELECT ${c.nodeId} AS node_id, ${c.runId} AS run_id, ${c.outreachSentAt} IS NOT NULL AS sent_at_set, ${c.outreachStatus}::text AS status
      FROM ${c}
      ${goalsOnly
        ? sql`JOIN ${r} ON ${r.id} = ${c.runId} AND ${r.workflowId} = ${input.workflowId} AND ${r.goalMetAt} IS NOT NULL AND ${r.workspaceId} = ${input.workspaceId} AND NOT ${r.isTest}`
        : sql``}
      -- The workflow named on the conversations too, converted runs or not, so they are a range of
      -- the results index (index-only), never a scan of every workspace's conversations.
      WHERE ${c.workflowId} = ${input.workflowId} AND ${c.workspaceId} = ${input.workspaceId} AND ${c.outreachStatus} IS NOT NULL AND ${c.nodeId} = ANY(${nodes})
      UNION ALL
      SELECT ${s.nodeId}, ${s.runId}, false, ${s.status}::text
      FROM ${s} JOIN ${r} ON ${r.id} = ${s.runId}
      WHERE ${s.status} <> 'ok' AND ${s.nodeId} = ANY(${nodes})
        AND ${r.workspaceId} = ${input.workspaceId} AND ${r.workflowId} = ${input.workflowId} AND NOT ${r.isTest}
        ${goalsOnly ? sql`AND ${r.goalMetAt} IS NOT NULL` : sql``}
    ) x`;
  // Each Split's path, one hash join per Split on run_steps_split_idx (node_type = 'split' names
  // that partial index; read index-only), joined once to every recipient; null outside the Split's
  // own Start a Conversation steps or for a run that never passed it.
  const pathJoins = sql.join(
    splits.map((split, k) => sql` LEFT JOIN run_steps ${sql.identifier(`p${k}`)} ON ${sql.identifier(`p${k}`)}.run_id = x.run_id AND ${sql.identifier(`p${k}`)}.node_id = ${split.splitNodeId} AND ${sql.identifier(`p${k}`)}.node_type = 'split'`),
  );
  const pathColumns = splits.map(
    (split, k) => sql`, CASE WHEN x.node_id = ANY(${textArray(split.startNodeIds)}) THEN ${sql.identifier(`p${k}`)}.outcome END AS ${sql.identifier(`path${k}`)}`,
  );
  const pathNames = splits.map((_, k) => sql`, ${sql.identifier(`path${k}`)}`);
  // Grouped by everything the stages are computed from (a few dozen groups); the stages, which
  // overlap, are summed here rather than each counted by a FILTER over every row.
  const countsQuery = db.execute<Record<string, string | number | boolean | null> & { node_id: string; status: string; sent_at_set: boolean; n: number }>(sql`
    SELECT node_id, status, sent_at_set${sql.join(pathNames)}, count(*)::int AS n
    FROM (SELECT x.node_id, x.status, x.sent_at_set${sql.join(pathColumns)} FROM ${recipients(false)}${pathJoins}) y
    GROUP BY node_id, status, sent_at_set${sql.join(pathNames)}`);
  // Conversions start from the workflow's converted runs (workflow_runs_goal_met_idx holds only
  // those), each looked up at these nodes by run and node (conversations_run_node_key,
  // run_steps_run_node_key). Per node and per path of each Split (one grouping set each),
  // DISTINCT so a run reaching two of a path's nodes counts once. Issued beside the counts: the
  // two run on separate pooled connections.
  const goalCountsQuery = goals
    ? db.execute<Record<string, string | number | null> & { node_id: string | null; goal: number }>(sql`
        SELECT node_id${sql.join(pathNames)}, count(DISTINCT run_id)::int AS goal
        FROM (SELECT x.node_id, x.run_id${sql.join(pathColumns)} FROM ${recipients(true)}${pathJoins}) y
        GROUP BY GROUPING SETS ((node_id)${sql.join(splits.map((_, k) => sql`, (${sql.identifier(`path${k}`)})`))})`)
    : null;
  const [counts, goalCounts] = await Promise.all([countsQuery, goalCountsQuery]);

  const byNode = emptyRows(input.startNodeIds, goals);
  const bySplit = splits.map((split) => emptyRows(split.pathIds, goals));
  for (const group of counts.rows) {
    const state = { status: group.status, sentAtSet: group.sent_at_set };
    addToFunnel(rowOf(byNode, group.node_id, goals), state, group.n);
    splits.forEach((_, k) => {
      const path = group[`path${k}`];
      if (typeof path === "string") addToFunnel(rowOf(bySplit[k]!, path, goals), state, group.n);
    });
  }
  for (const group of goalCounts?.rows ?? []) {
    // A grouping set's row leaves the other sets' columns null: the node's set has node_id, a
    // Split's set its path (null there: recipients outside that Split, not counted).
    if (group.node_id !== null) rowOf(byNode, group.node_id, goals).goal = group.goal;
    splits.forEach((_, k) => {
      const path = group[`path${k}`];
      if (group.node_id === null && typeof path === "string") rowOf(bySplit[k]!, path, goals).goal = group.goal;
    });
  }
  return { byNode: [...byNode.values()], bySplit: bySplit.map((rows) => [...rows.values()]) };
}

/** One funnel: per Start a Conversation node (the default) or per path of one Split, over the recipients of `startNodeIds` (see loadFunnels). */
export async function loadFunnel(
  db: DbOrTx,
  input: { workspaceId: string; workflowId: string; startNodeIds: readonly string[]; segment?: FunnelSegment; goals?: boolean },
): Promise<FunnelRow[]> {
  const split = (input.segment ?? BY_NODE).split;
  const funnels = await loadFunnels(db, { ...input, splits: split ? [{ ...split, startNodeIds: input.startNodeIds }] : [] });
  return split ? funnels.bySplit[0]! : funnels.byNode;
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
  // One pass over the workflow's conversations (a range of the results index, index-only) counts
  // sends and replies together, grouped by both buckets (a few dozen groups, no sort of every row);
  // goals come from the converted runs. Then laid over the span's buckets. Hours and days are
  // whole in UTC, so the buckets are computed here.
  const from = sql`${since.toISOString()}::timestamptz`;
  const result = await db.execute<ChartPoint>(sql`
    WITH conversation_buckets AS (
      SELECT
        CASE WHEN ${c.outreachSentAt} >= ${from} THEN date_trunc(${unit}, ${c.outreachSentAt} AT TIME ZONE 'UTC') END AS sent,
        CASE WHEN ${c.outreachStatus} = 'replied' AND ${c.outreachStatusAt} >= ${from} THEN date_trunc(${unit}, ${c.outreachStatusAt} AT TIME ZONE 'UTC') END AS replied,
        count(*) AS n
      FROM ${c}
      WHERE ${c.workspaceId} = ${input.workspaceId} AND ${c.workflowId} = ${input.workflowId}
        AND (${c.outreachSentAt} >= ${from} OR (${c.outreachStatus} = 'replied' AND ${c.outreachStatusAt} >= ${from}))
      GROUP BY 1, 2
    ), events AS (
      SELECT sent AS bucket, sum(n) AS sends, 0 AS replies, 0 AS goals FROM conversation_buckets WHERE sent IS NOT NULL GROUP BY 1
      UNION ALL
      SELECT replied, 0, sum(n), 0 FROM conversation_buckets WHERE replied IS NOT NULL GROUP BY 1
      UNION ALL
      -- Goals met, by workflow_runs_goal_met_idx (workflow, goal_met_at): only converted runs.
      SELECT date_trunc(${unit}, ${r.goalMetAt} AT TIME ZONE 'UTC'), 0, 0, count(*)
      FROM ${r}
      WHERE ${r.workflowId} = ${input.workflowId} AND ${r.goalMetAt} >= ${from} AND ${r.workspaceId} = ${input.workspaceId} AND NOT ${r.isTest}
      GROUP BY 1
    )
    SELECT to_char(b.bucket, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS bucket, coalesce(sum(e.sends), 0)::int AS sends, coalesce(sum(e.replies), 0)::int AS replies,
      coalesce(sum(e.goals), 0)::int AS goals
    FROM generate_series(${from} AT TIME ZONE 'UTC', ${last.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${`1 ${unit}`}::interval) AS b(bucket)
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
  // One branch per node: each reads run_steps_not_ok_idx (node, created_at DESC, id DESC) in order
  // and stops after a page, instead of sorting all of a workflow's skipped and failed steps.
  if (fromSteps) {
    for (const stepNodeId of nodeIds) {
      branches.push(sql`(
      SELECT ${s.id} AS id, ${r.contactId} AS contact_id, ${s.nodeId} AS node_id,
        CASE ${s.status} WHEN 'skipped' THEN 'skipped' ELSE 'failed' END AS status,
        coalesce(${s.detail}->>'reason', ${s.error}) AS reason, ${s.createdAt} AS at, ${s.createdAt} AS position, NULL::uuid AS conversation_id,
        NULL::text AS conversation_state, false AS opened
      FROM ${s} JOIN ${r} ON ${r.id} = ${s.runId}
      WHERE ${s.status} <> 'ok' AND ${s.nodeId} = ${stepNodeId}
        AND ${r.workspaceId} = ${input.workspaceId} AND ${r.workflowId} = ${input.workflowId} AND NOT ${r.isTest}
        ${status === "skipped" ? sql`AND ${s.status} = 'skipped'` : status === "failed" ? sql`AND ${s.status} = 'error'` : sql``}
        ${input.after ? sql`AND (${s.createdAt}, ${s.id}) < (${input.after.at}::timestamptz, ${input.after.id}::uuid)` : sql``}
      ORDER BY ${s.createdAt} DESC, ${s.id} DESC LIMIT ${take})`);
    }
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
