import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notFound } from "../../errors";
import { asDate, asOptionalDate } from "../sql-params";
import { isTriggerType } from "../../workflow/node-types";

// Reads for the builder. Every query is scoped by the workspace; an id from another workspace
// reads as "not found", exactly like one that does not exist.

export type WorkflowSummary = {
  id: string;
  name: string;
  status: "draft" | "live" | "paused";
  triggerType: string | null;
  liveVersion: number | null;
  updatedAt: Date;
  lastPublishedAt: Date | null;
  runs: number;
};

export async function listWorkflows(db: DbOrTx, workspaceId: string): Promise<WorkflowSummary[]> {
  const rows = await db.execute<{
    id: string; name: string; status: WorkflowSummary["status"]; trigger_type: string | null; version: number | null;
    updated_at: Date; last_published_at: Date | null; runs: string;
  }>(sql`
    SELECT w.id, w.name, w.status, v.trigger_type, v.version, w.updated_at, w.last_published_at,
      (SELECT count(*) FROM workflow_runs r WHERE r.workflow_id = w.id AND NOT r.is_test) AS runs
    FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.live_version_id
    WHERE w.workspace_id = ${workspaceId}
    ORDER BY w.updated_at DESC`);
  return rows.rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    triggerType: row.trigger_type,
    liveVersion: row.version,
    updatedAt: asDate(row.updated_at),
    lastPublishedAt: asOptionalDate(row.last_published_at),
    runs: Number(row.runs),
  }));
}

export type WorkflowDetail = {
  id: string;
  name: string;
  status: "draft" | "live" | "paused";
  draftGraph: unknown;
  draftRevision: number;
  allowReentry: boolean;
  liveVersionId: string | null;
  liveVersion: number | null;
  lastPublishedAt: Date | null;
  updatedAt: Date;
};

export async function getWorkflow(db: DbOrTx, workspaceId: string, workflowId: string): Promise<WorkflowDetail> {
  const rows = await db.execute<{
    id: string; name: string; status: WorkflowDetail["status"]; draft_graph: unknown; draft_revision: number; allow_reentry: boolean;
    live_version_id: string | null; version: number | null; last_published_at: Date | null; updated_at: Date;
  }>(sql`
    SELECT w.id, w.name, w.status, w.draft_graph, w.draft_revision, w.allow_reentry, w.live_version_id, v.version,
      w.last_published_at, w.updated_at
    FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.live_version_id
    WHERE w.workspace_id = ${workspaceId} AND w.id = ${workflowId}::uuid`);
  const row = rows.rows[0];
  if (!row) throw notFound("That workflow");
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    draftGraph: row.draft_graph,
    draftRevision: row.draft_revision,
    allowReentry: row.allow_reentry,
    liveVersionId: row.live_version_id,
    liveVersion: row.version,
    lastPublishedAt: asOptionalDate(row.last_published_at),
    updatedAt: asDate(row.updated_at),
  };
}

export type VersionSummary = { id: string; version: number; publishedAt: Date; publishedBy: string | null; publishedByName: string | null; live: boolean };

export async function listVersions(db: DbOrTx, workspaceId: string, workflowId: string): Promise<VersionSummary[]> {
  await getWorkflow(db, workspaceId, workflowId);
  const rows = await db.execute<{ id: string; version: number; published_at: Date; published_by: string | null; name: string | null; live: boolean }>(sql`
    SELECT v.id, v.version, v.published_at, v.published_by, u.name, v.id = w.live_version_id AS live
    FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id LEFT JOIN users u ON u.id = v.published_by
    WHERE v.workspace_id = ${workspaceId} AND v.workflow_id = ${workflowId}::uuid AND NOT v.is_test
    ORDER BY v.version DESC`);
  return rows.rows.map((row) => ({
    id: row.id,
    version: row.version,
    publishedAt: asDate(row.published_at),
    publishedBy: row.published_by,
    publishedByName: row.name,
    live: row.live,
  }));
}

export type RunSummary = {
  id: string;
  contactId: string;
  contactName: string | null;
  contactEmail: string | null;
  status: "running" | "waiting" | "completed" | "failed" | "cancelled";
  currentNodeId: string | null;
  waitFor: string | null;
  waitUntil: Date | null;
  error: string | null;
  isTest: boolean;
  version: number;
  createdAt: Date;
  finishedAt: Date | null;
};

type RunRow = {
  id: string; contact_id: string; contact_name: string | null; email: string | null; status: RunSummary["status"];
  current_node_id: string | null; wait_for: string | null; wait_until: Date | null; error: string | null; is_test: boolean;
  version: number; created_at: Date; finished_at: Date | null;
};

const runColumns = sql`r.id, r.contact_id, nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') AS contact_name, c.email,
  r.status, r.current_node_id, r.wait_for, r.wait_until, r.error, r.is_test, v.version, r.created_at, r.finished_at`;

function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    contactEmail: row.email,
    status: row.status,
    currentNodeId: row.current_node_id,
    waitFor: row.wait_for,
    waitUntil: asOptionalDate(row.wait_until),
    error: row.error,
    isTest: row.is_test,
    version: row.version,
    createdAt: asDate(row.created_at),
    finishedAt: asOptionalDate(row.finished_at),
  };
}

/** Newest first; pass the last row's createdAt as `before` for the next page. */
export async function listRuns(
  db: DbOrTx,
  workspaceId: string,
  options: { workflowId: string; status?: RunSummary["status"]; limit?: number; before?: Date; includeTest?: boolean },
): Promise<RunSummary[]> {
  await getWorkflow(db, workspaceId, options.workflowId);
  const status = options.status ? sql`AND r.status = ${options.status}::run_status` : sql``;
  const before = options.before ? sql`AND r.created_at < ${options.before.toISOString()}::timestamptz` : sql``;
  const tests = options.includeTest === false ? sql`AND NOT r.is_test` : sql``;
  const rows = await db.execute<RunRow>(sql`
    SELECT ${runColumns}
    FROM workflow_runs r JOIN contacts c ON c.id = r.contact_id JOIN workflow_versions v ON v.id = r.version_id
    WHERE r.workspace_id = ${workspaceId} AND r.workflow_id = ${options.workflowId}::uuid ${status} ${before} ${tests}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${Math.min(Math.max(options.limit ?? 50, 1), 200)}`);
  return rows.rows.map(toRunSummary);
}

export type RunStepEntry = {
  nodeId: string;
  nodeType: string;
  status: "ok" | "error" | "skipped";
  outcome: string | null;
  error: string | null;
  detail: Record<string, unknown>;
  createdAt: Date;
};

export type RunLog = { run: RunSummary & { workflowId: string; versionId: string; context: Record<string, unknown> }; steps: RunStepEntry[]; graph: unknown };

/** One run with its step log, oldest step first, and the graph of the version it ran. */
export async function getRunLog(db: DbOrTx, workspaceId: string, runId: string): Promise<RunLog> {
  const runs = await db.execute<RunRow & { workflow_id: string; version_id: string; context: Record<string, unknown>; graph: unknown }>(sql`
    SELECT ${runColumns}, r.workflow_id, r.version_id, r.context, v.graph
    FROM workflow_runs r JOIN contacts c ON c.id = r.contact_id JOIN workflow_versions v ON v.id = r.version_id
    WHERE r.workspace_id = ${workspaceId} AND r.id = ${runId}::uuid`);
  const row = runs.rows[0];
  if (!row) throw notFound("That run");
  const steps = await db.execute<{
    node_id: string; node_type: string; status: RunStepEntry["status"]; outcome: string | null; error: string | null;
    detail: Record<string, unknown>; created_at: Date;
  }>(sql`
    SELECT node_id, node_type, status, outcome, error, detail, created_at FROM run_step_log
    WHERE run_id = ${row.id}::uuid ORDER BY created_at, id`);
  return {
    run: { ...toRunSummary(row), workflowId: row.workflow_id, versionId: row.version_id, context: row.context },
    graph: row.graph,
    steps: steps.rows.map((step) => ({
      nodeId: step.node_id,
      nodeType: step.node_type,
      status: step.status,
      outcome: step.outcome,
      error: step.error,
      detail: step.detail,
      createdAt: asDate(step.created_at),
    })),
  };
}

/**
 * What the canvas shows on each node once live (test runs excluded). entered counts runs that
 * reached the node (finished it, or are waiting there); Start a Conversation adds sent / started /
 * notStarted (sent but not opened yet); Branch adds started / notStarted by the output taken.
 */
export type NodeCounts = {
  entered: number;
  errors: number;
  waiting: number;
  sent?: number;
  started?: number;
  notStarted?: number;
};

export async function getNodeCounts(db: DbOrTx, workspaceId: string, workflowId: string): Promise<Record<string, NodeCounts>> {
  const workflow = await getWorkflow(db, workspaceId, workflowId);
  const counts: Record<string, NodeCounts> = {};
  const at = (nodeId: string) => (counts[nodeId] ??= { entered: 0, errors: 0, waiting: 0 });

  const [steps, current, conversations, total] = await Promise.all([
    db.execute<{ node_id: string; node_type: string; status: string; outcome: string | null; n: string }>(sql`
      SELECT s.node_id, s.node_type, s.status, s.outcome, count(*) AS n
      FROM run_steps s JOIN workflow_runs r ON r.id = s.run_id
      WHERE r.workspace_id = ${workspaceId} AND r.workflow_id = ${workflowId}::uuid AND NOT r.is_test
      GROUP BY 1, 2, 3, 4`),
    db.execute<{ node_id: string; n: string }>(sql`
      SELECT current_node_id AS node_id, count(*) AS n FROM workflow_runs
      WHERE workspace_id = ${workspaceId} AND workflow_id = ${workflowId}::uuid AND NOT is_test AND status = 'waiting'
      GROUP BY 1`),
    db.execute<{ node_id: string; sent: string; started: string }>(sql`
      SELECT c.node_id, count(*) AS sent, count(*) FILTER (WHERE c.opened_at IS NOT NULL) AS started
      FROM conversations c JOIN workflow_runs r ON r.id = c.run_id
      WHERE c.workspace_id = ${workspaceId} AND c.workflow_id = ${workflowId}::uuid AND NOT r.is_test
      GROUP BY 1`),
    db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM workflow_runs WHERE workspace_id = ${workspaceId} AND workflow_id = ${workflowId}::uuid AND NOT is_test`),
  ]);

  for (const row of steps.rows) {
    const entry = at(row.node_id);
    const n = Number(row.n);
    entry.entered += n;
    if (row.status === "error") entry.errors += n;
    if (row.node_type === "branch_conversation_started" && row.outcome === "started") entry.started = (entry.started ?? 0) + n;
    if (row.node_type === "branch_conversation_started" && row.outcome === "not_started") entry.notStarted = (entry.notStarted ?? 0) + n;
  }
  for (const row of current.rows) {
    if (!row.node_id) continue;
    const entry = at(row.node_id);
    entry.waiting += Number(row.n);
    entry.entered += Number(row.n);
  }
  for (const row of conversations.rows) {
    if (!row.node_id) continue;
    const entry = at(row.node_id);
    // A started conversation is that run's Start a Conversation step (no run_steps row of its own).
    entry.entered += Number(row.sent);
    entry.sent = Number(row.sent);
    entry.started = Number(row.started);
    entry.notStarted = Number(row.sent) - Number(row.started);
  }
  // Every run entered through the trigger; runs don't record a step for it.
  const graph = workflow.draftGraph as { nodes?: { id?: unknown; type?: unknown }[] } | null;
  const trigger = graph?.nodes?.find((node) => typeof node.type === "string" && isTriggerType(node.type));
  if (typeof trigger?.id === "string") at(trigger.id).entered = Number(total.rows[0]?.n ?? 0);
  return counts;
}
