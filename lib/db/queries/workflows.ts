import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";
import { runStepLog, runSteps, workflowRuns, workflowVersions, workflows, type Workflow } from "@/lib/db/schema/workflows";
import { users } from "@/lib/db/schema/workspaces";
import { textArray } from "@/lib/db/sql-params";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { notFound } from "@/lib/errors";
import { loadVersionGraphs } from "@/lib/workflow/engine/version-graphs";
import { TRIGGER_TYPES } from "@/lib/workflow/node-types";
import { branchConversationStartedDefinition, ports as branchPorts } from "@/lib/workflow/nodes/branch-conversation-started/definition";
import type {
  NodeCounts,
  NodeCountsByNode,
  RunLog,
  RunPage,
  RunStatus,
  RunStepEntry,
  RunSummary,
  VersionSummary,
  WorkflowListItem,
} from "@/lib/workflow/workflow-summaries";

// Reads for the builder and the workflows page. Every query is scoped by the workspace; an id
// from another workspace reads as "not found", exactly like one that does not exist.

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * The workflows page, in one statement: runs and conversations are counted per workflow in two
 * grouped subqueries (test runs left out, so the numbers are what real contacts did).
 */
export async function listWorkflows(db: DbOrTx, workspaceId: string): Promise<WorkflowListItem[]> {
  const runs = db
    .select({ workflowId: workflowRuns.workflowId, entered: count().as("entered") })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.isTest, false)))
    .groupBy(workflowRuns.workflowId)
    .as("runs");
  const sent = db
    .select({ workflowId: conversations.workflowId, sent: count().as("sent"), started: count(conversations.openedAt).as("started") })
    .from(conversations)
    .innerJoin(workflowRuns, and(eq(workflowRuns.id, conversations.runId), eq(workflowRuns.isTest, false)))
    .where(eq(conversations.workspaceId, workspaceId))
    .groupBy(conversations.workflowId)
    .as("sent");
  const rows = await db
    .select({
      id: workflows.id,
      name: workflows.name,
      status: workflows.status,
      liveTrigger: workflowVersions.triggerType,
      // A draft's trigger is read inside Postgres: the list must not ship every draft graph here.
      draftTrigger: sql<string | null>`(SELECT n->>'type' FROM jsonb_array_elements(${workflows.draftGraph}->'nodes') n
        WHERE n->>'type' = ANY(${textArray(TRIGGER_TYPES)}) LIMIT 1)`,
      lastPublishedAt: workflows.lastPublishedAt,
      updatedAt: workflows.updatedAt,
      entered: runs.entered,
      sent: sent.sent,
      started: sent.started,
    })
    .from(workflows)
    .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
    .leftJoin(runs, eq(runs.workflowId, workflows.id))
    .leftJoin(sent, eq(sent.workflowId, workflows.id))
    .where(eq(workflows.workspaceId, workspaceId))
    .orderBy(desc(workflows.updatedAt), workflows.id);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    triggerType: row.liveTrigger ?? row.draftTrigger,
    lastPublishedAt: isoOrNull(row.lastPublishedAt),
    updatedAt: iso(row.updatedAt),
    counts: { entered: Number(row.entered ?? 0), sent: Number(row.sent ?? 0), started: Number(row.started ?? 0) },
  }));
}

export type WorkflowDetail = Pick<
  Workflow,
  "id" | "name" | "status" | "draftGraph" | "draftRevision" | "allowReentry" | "goal" | "liveVersionId" | "lastPublishedAt" | "updatedAt"
> & { liveVersion: number | null };

export async function getWorkflow(db: DbOrTx, workspaceId: string, workflowId: string): Promise<WorkflowDetail> {
  const [row] = await db
    .select({
      id: workflows.id,
      name: workflows.name,
      status: workflows.status,
      draftGraph: workflows.draftGraph,
      draftRevision: workflows.draftRevision,
      allowReentry: workflows.allowReentry,
      goal: workflows.goal,
      liveVersionId: workflows.liveVersionId,
      liveVersion: workflowVersions.version,
      lastPublishedAt: workflows.lastPublishedAt,
      updatedAt: workflows.updatedAt,
    })
    .from(workflows)
    .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, workflowId)));
  if (!row) throw notFound("That workflow");
  return row;
}

/** Throws not_found unless the workflow is in the workspace (cheaper than getWorkflow: no graph). */
async function assertWorkflowInWorkspace(db: DbOrTx, workspaceId: string, workflowId: string): Promise<void> {
  const [row] = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, workflowId)));
  if (!row) throw notFound("That workflow");
}

/** Published versions, newest first (a test run's frozen draft is not one). */
export async function listVersions(db: DbOrTx, workspaceId: string, workflowId: string): Promise<VersionSummary[]> {
  await assertWorkflowInWorkspace(db, workspaceId, workflowId);
  const rows = await db
    .select({
      id: workflowVersions.id,
      version: workflowVersions.version,
      publishedAt: workflowVersions.publishedAt,
      publishedBy: workflowVersions.publishedBy,
      publishedByName: users.name,
      liveVersionId: workflows.liveVersionId,
    })
    .from(workflowVersions)
    .innerJoin(workflows, eq(workflows.id, workflowVersions.workflowId))
    .leftJoin(users, eq(users.id, workflowVersions.publishedBy))
    .where(and(eq(workflowVersions.workspaceId, workspaceId), eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.isTest, false)))
    .orderBy(desc(workflowVersions.version));
  return rows.map(({ liveVersionId, publishedAt, ...row }) => ({ ...row, publishedAt: iso(publishedAt), live: row.id === liveVersionId }));
}

const runColumns = {
  id: workflowRuns.id,
  contactId: workflowRuns.contactId,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  status: workflowRuns.status,
  currentNodeId: workflowRuns.currentNodeId,
  waitFor: workflowRuns.waitFor,
  waitUntil: workflowRuns.waitUntil,
  error: workflowRuns.error,
  isTest: workflowRuns.isTest,
  version: workflowVersions.version,
  createdAt: workflowRuns.createdAt,
  finishedAt: workflowRuns.finishedAt,
  goalMetAt: workflowRuns.goalMetAt,
};

function selectRuns(db: DbOrTx) {
  return db
    .select(runColumns)
    .from(workflowRuns)
    .innerJoin(contacts, eq(contacts.id, workflowRuns.contactId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.versionId));
}

type RunRow = Awaited<ReturnType<ReturnType<typeof selectRuns>["execute"]>>[number];

function toRunSummary({ firstName, lastName, email, phone, waitUntil, createdAt, finishedAt, goalMetAt, ...row }: RunRow): RunSummary {
  return {
    ...row,
    contactName: contactDisplayName({ firstName, lastName, email, phone }),
    waitUntil: isoOrNull(waitUntil),
    createdAt: iso(createdAt),
    finishedAt: isoOrNull(finishedAt),
    goalMetAt: isoOrNull(goalMetAt),
    // Meeting a goal with "exit when met" finishes the run in the same statement (one now()).
    endedByGoal: goalMetAt !== null && finishedAt !== null && row.status === "completed" && goalMetAt.getTime() === finishedAt.getTime(),
  };
}

export const RUN_PAGE_SIZE = 20;
export const RUN_PAGE_MAX = 200;

export type ListRunsOptions = {
  workflowId: string;
  status?: RunStatus;
  /** The step a run failed at, waits at, or (completed) ended at: workflow_runs.current_node_id. */
  nodeId?: string;
  /** The last run id of the previous page. */
  cursor?: string;
  limit?: number;
  includeTest?: boolean;
};

/** A workflow's runs, newest first, a page at a time (keyset on created_at, id, like the inbox). */
export async function listRuns(db: DbOrTx, workspaceId: string, options: ListRunsOptions): Promise<RunPage> {
  await assertWorkflowInWorkspace(db, workspaceId, options.workflowId);
  const limit = Math.min(Math.max(options.limit ?? RUN_PAGE_SIZE, 1), RUN_PAGE_MAX);
  const where: SQL[] = [eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.workflowId, options.workflowId)];
  if (options.status) where.push(eq(workflowRuns.status, options.status));
  if (options.nodeId) where.push(eq(workflowRuns.currentNodeId, options.nodeId));
  if (options.includeTest === false) where.push(eq(workflowRuns.isTest, false));
  if (options.cursor) {
    // The cursor's sort values are read from its row (inside the workspace), so no timestamp is
    // rounded through JavaScript; drizzle has no row comparison, hence this one fragment.
    where.push(sql`(${workflowRuns.createdAt}, ${workflowRuns.id}) < (SELECT cur.created_at, cur.id FROM ${workflowRuns} cur
      WHERE cur.id = ${options.cursor} AND cur.workspace_id = ${workspaceId})`);
  }
  const rows = await selectRuns(db)
    .where(and(...where))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toRunSummary);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** One run with its step log, oldest step first. */
export async function getRunLog(db: DbOrTx, workspaceId: string, runId: string): Promise<RunLog> {
  const [row] = await selectRuns(db).where(and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.id, runId)));
  if (!row) throw notFound("That run");
  const steps = await db
    .select({
      nodeId: runStepLog.nodeId,
      nodeType: runStepLog.nodeType,
      status: runStepLog.status,
      outcome: runStepLog.outcome,
      error: runStepLog.error,
      detail: runStepLog.detail,
      createdAt: runStepLog.createdAt,
    })
    .from(runStepLog)
    .where(eq(runStepLog.runId, row.id))
    .orderBy(runStepLog.createdAt, runStepLog.id);
  return {
    run: toRunSummary(row),
    steps: steps.map((step): RunStepEntry => ({ ...step, createdAt: step.createdAt.toISOString() })),
  };
}

/** What the canvas shows on each node; see NodeCounts. Test runs are left out. */
export async function getNodeCounts(db: DbOrTx, workspaceId: string, workflowId: string): Promise<NodeCountsByNode> {
  await assertWorkflowInWorkspace(db, workspaceId, workflowId);
  const counts: NodeCountsByNode = {};
  const at = (nodeId: string): NodeCounts => (counts[nodeId] ??= { entered: 0, errors: 0, waiting: 0 });
  const realRuns = and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.workflowId, workflowId), eq(workflowRuns.isTest, false));

  // run_steps, not run_step_log: a started conversation is counted from conversations below.
  const [steps, waiting, sent, byVersion] = await Promise.all([
    db
      .select({ nodeId: runSteps.nodeId, nodeType: runSteps.nodeType, status: runSteps.status, outcome: runSteps.outcome, n: count() })
      .from(runSteps)
      .innerJoin(workflowRuns, eq(workflowRuns.id, runSteps.runId))
      .where(realRuns)
      .groupBy(runSteps.nodeId, runSteps.nodeType, runSteps.status, runSteps.outcome),
    db
      .select({ nodeId: workflowRuns.currentNodeId, n: count() })
      .from(workflowRuns)
      .where(and(realRuns, eq(workflowRuns.status, "waiting")))
      .groupBy(workflowRuns.currentNodeId),
    db
      .select({ nodeId: conversations.nodeId, sent: count(), started: count(conversations.openedAt) })
      .from(conversations)
      .innerJoin(workflowRuns, eq(workflowRuns.id, conversations.runId))
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.workflowId, workflowId), eq(workflowRuns.isTest, false)))
      .groupBy(conversations.nodeId),
    db.select({ versionId: workflowRuns.versionId, n: count() }).from(workflowRuns).where(realRuns).groupBy(workflowRuns.versionId),
  ]);

  for (const row of steps) {
    const entry = at(row.nodeId);
    entry.entered += row.n;
    if (row.status === "error") entry.errors += row.n;
    // The Branch's two outputs are what the canvas shows as Started / Not started.
    if (row.nodeType === branchConversationStartedDefinition.type && row.outcome === branchPorts.started.id) entry.started = (entry.started ?? 0) + row.n;
    if (row.nodeType === branchConversationStartedDefinition.type && row.outcome === branchPorts.notStarted.id) entry.notStarted = (entry.notStarted ?? 0) + row.n;
  }
  for (const row of waiting) {
    if (!row.nodeId) continue;
    const entry = at(row.nodeId);
    entry.waiting += row.n;
    entry.entered += row.n;
  }
  for (const row of sent) {
    if (!row.nodeId) continue;
    const entry = at(row.nodeId);
    // A started conversation is that run's Start a Conversation step (no run_steps row of its own).
    entry.entered += row.sent;
    entry.sent = row.sent;
    entry.started = row.started;
    entry.notStarted = row.sent - row.started;
  }
  // Every run entered through the trigger of the version it runs (runs record no step for it):
  // the published graphs' triggers, never the draft's, which may be another node by now.
  const graphs = await loadVersionGraphs(db, byVersion.map((row) => row.versionId));
  for (const row of byVersion) {
    const trigger = graphs.get(row.versionId)?.topology.trigger;
    if (trigger) at(trigger.id).entered += row.n;
  }
  return counts;
}
