import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { bulkRows, type BulkColumnType } from "@/lib/db/bulk-rows";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { conversations } from "@/lib/db/schema/conversations";
import { runSteps, workflowRuns, type RunStep, type WorkflowRun } from "@/lib/db/schema/workflows";
import { workspaces } from "@/lib/db/schema/workspaces";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { jsonbParam, uuidArray } from "@/lib/db/sql-params";
import { timeOrderedId } from "@/lib/db/time-ordered-id";
import { enqueue } from "@/lib/jobs/enqueue";
import type { Plan } from "@/lib/plans/plan";
import type { GraphNode } from "@/lib/workflow/graph-schema";
import { definitionOf } from "@/lib/workflow/node-types";
import { WAIT_ENDS, type ExecutorInput, type RunState, type StepOutcome, type WaitEnd } from "./executor-types";
import { RUN_BATCH_SIZE, waitDeadlineJob } from "./job-specs";
import { loadNodeExecutors } from "./node-executors";
import { runContextSchema, type RunContext } from "./run-context";
import { loadVersionGraphs } from "./version-graphs";
import { goalsMetOnEntry } from "./goal-events";
import { notifyRunsMoved } from "./notify-runs-moved";

type LoadedRun = Pick<
  WorkflowRun,
  "id" | "workspaceId" | "workflowId" | "versionId" | "contactId" | "currentNodeId" | "context" | "resumeOutcome" | "isTest"
> & {
  plan: Plan;
  /** Only for runs entered by enterAndAdvance, which inserts them. */
  triggerKey?: WorkflowRun["triggerKey"];
};

type Live = {
  row: LoadedRun;
  state: RunState;
  nodeId: string | null;
  resumeOutcome: string | null;
  status: "running" | "waiting" | "completed" | "failed";
  wait?: { waitFor: string; conversationId: string | null; until: Date };
  error?: string;
  contextChanged: boolean;
  // Where the run's next step falls in its log: after the last step of this transaction recorded
  // by its effect (the conversation a Start a Conversation step started; null before any), and
  // how many steps have been recorded since.
  lastRecordNodeId: string | null;
  stepsSinceRecord: number;
};

type FinalState = { id: string; status: Live["status"]; node_id: string | null; wait_for: string | null; wait_conversation_id: string | null; wait_until: string | null; context: RunContext | null; error: string | null };
type NewRunRow = Pick<WorkflowRun, "id" | "workspaceId" | "workflowId" | "versionId" | "contactId" | "triggerKey" | "isTest"> & Omit<FinalState, "id">;

const NEW_RUN_COLUMNS = {
  id: "uuid",
  workspaceId: "uuid",
  workflowId: "uuid",
  versionId: "uuid",
  contactId: "uuid",
  triggerKey: "text",
  status: "text",
  node_id: "text",
  wait_for: "text",
  wait_conversation_id: "uuid",
  wait_until: "timestamptz",
  isTest: "boolean",
  context: "jsonb",
  error: "text",
} as const satisfies Record<keyof NewRunRow, BulkColumnType>;

type StepRow = Pick<RunStep, "id" | "runId" | "nodeId" | "nodeType" | "status" | "outcome" | "detail" | "error"> & { afterRecordNodeId: string | null; place: number };

const STEP_COLUMNS = {
  id: "uuid",
  runId: "uuid",
  nodeId: "text",
  nodeType: "text",
  status: "text",
  outcome: "text",
  detail: "jsonb",
  error: "text",
  afterRecordNodeId: "text",
  place: "int",
} as const satisfies Record<keyof StepRow, BulkColumnType>;

export type AdvanceSummary = { advanced: number; steps: number; waiting: number; completed: number; failed: number };

/** Runs that do not exist yet: entered and run in one go, then inserted in their final state. */
export type NewRunsTarget = {
  workspaceId: string;
  plan: Plan;
  workflowId: string;
  versionId: string;
  triggerNodeId: string;
  isTest?: boolean;
};

export class ConcurrentEntryError extends Error {
  constructor() {
    super("Another transaction entered some of these contacts first; the batch is retried without them.");
  }
}

async function runExecutor(node: GraphNode, input: Omit<ExecutorInput<unknown>, "node">): Promise<StepOutcome[]> {
  const executor = (await loadNodeExecutors()).get(node.type);
  if (!executor) throw new Error(`Node type “${node.type}” has no executor.`);
  return executor({ ...input, node });
}

/**
 * The output a run leaves its waiting node by: how the wait ended (WAIT_ENDS), through the node's
 * definition. A run resumed before waits were recorded by how they end holds the output itself.
 */
function resumePort(node: GraphNode, ended: string): string | undefined {
  const ends = definitionOf(node.type).waitEnds;
  if (ended === WAIT_ENDS.timeout) return ends?.timeout;
  if (ended === WAIT_ENDS.conversationStarted) return ends?.conversationStarted;
  return definitionOf(node.type).outputs.some((port) => port.id === ended) ? ended : undefined;
}

/**
 * Moves `running` runs forward, in the caller's transaction, until every one of them waits,
 * completes or fails. Runs at the same node are executed together (set-based). All effects of
 * the batch (conversations, steps, run states, deadline jobs) commit or roll back as one, and a
 * retried batch is harmless: every effect is guarded by a unique constraint or a status check.
 */
export async function advanceRuns(tx: Tx, runIds: readonly string[]): Promise<AdvanceSummary> {
  if (runIds.length === 0) return emptySummary();
  // A run another transaction is advancing right now (a duplicate job) is waited for, then
  // skipped by the status check. NO KEY UPDATE (what an UPDATE of non-key columns takes) does not
  // conflict with the key-share locks other transactions' foreign-key checks take on the run.
  // Raw locking, typed by the schema: FOR NO KEY UPDATE OF the runs only.
  const loaded: LoadedRun[] = await tx
    .select({
      id: workflowRuns.id,
      workspaceId: workflowRuns.workspaceId,
      workflowId: workflowRuns.workflowId,
      versionId: workflowRuns.versionId,
      contactId: workflowRuns.contactId,
      currentNodeId: workflowRuns.currentNodeId,
      context: workflowRuns.context,
      resumeOutcome: workflowRuns.resumeOutcome,
      isTest: workflowRuns.isTest,
      plan: workspaces.plan,
    })
    .from(workflowRuns)
    // A workspace being deleted runs nothing more.
    .innerJoin(workspaces, and(eq(workspaces.id, workflowRuns.workspaceId), workspaceIsLive()))
    // One array parameter, whatever the batch size (inArray would send a thousand).
    .where(and(sql`${workflowRuns.id} = ANY(${uuidArray(runIds)})`, eq(workflowRuns.status, "running")))
    .orderBy(workflowRuns.id)
    .for("no key update", { of: workflowRuns });
  return runToRest(tx, loaded, "update");
}

/**
 * Enters contacts at a version's trigger and runs them, in the caller's transaction, inserting
 * each run once in the state it reached (the fan-out path: no run row is written twice). The
 * runs' conversations point at run ids that exist only from the final INSERT on, which is why
 * conversations.run_id is a deferred foreign key. If another transaction entered one of these
 * contacts meanwhile (the unique entry key), ConcurrentEntryError rolls everything back.
 */
export async function enterAndAdvance(
  tx: Tx,
  target: NewRunsTarget,
  entries: readonly { contactId: string; triggerKey: string; context?: RunContext }[],
): Promise<AdvanceSummary> {
  if (entries.length === 0) return emptySummary();
  const rows: LoadedRun[] = entries.map((entry) => ({
    id: timeOrderedId(),
    workspaceId: target.workspaceId,
    workflowId: target.workflowId,
    versionId: target.versionId,
    contactId: entry.contactId,
    currentNodeId: target.triggerNodeId,
    context: entry.context ?? {},
    resumeOutcome: null,
    isTest: target.isTest ?? false,
    plan: target.plan,
    triggerKey: entry.triggerKey,
  }));
  return runToRest(tx, rows, "insert");
}

function emptySummary(): AdvanceSummary {
  return { advanced: 0, steps: 0, waiting: 0, completed: 0, failed: 0 };
}

async function runToRest(tx: Tx, rows: readonly LoadedRun[], persist: "update" | "insert"): Promise<AdvanceSummary> {
  const summary = emptySummary();
  if (rows.length === 0) return summary;
  const graphs = await loadVersionGraphs(tx, [...new Set(rows.map((row) => row.versionId))]);
  const runs: Live[] = rows.map((row) => ({
    row,
    // Contexts of runs entered here were built by the engine; stored ones are checked on the way in.
    state: { id: row.id, contactId: row.contactId, context: persist === "insert" ? (row.context as RunContext) : runContextSchema.parse(row.context), isTest: row.isTest },
    nodeId: row.currentNodeId,
    resumeOutcome: row.resumeOutcome,
    status: "running",
    contextChanged: row.resumeOutcome !== null,
    lastRecordNodeId: null,
    stepsSinceRecord: 0,
  }));
  const steps: StepRow[] = [];
  const now = Date.now();

  // A contact who already meets the workflow's attribute/tag goal converts as they enter; with
  // "exit when met" the run ends there, before its first step sends anything.
  const entering = runs.filter((run) => {
    if (persist === "insert") return true;
    const node = run.nodeId ? graphs.get(run.row.versionId)?.topology.nodes.get(run.nodeId) : undefined;
    return run.resumeOutcome === null && node !== undefined && definitionOf(node.type).category === "trigger";
  });
  const metOnEntry = await goalsMetOnEntry(
    tx,
    entering.map((run) => ({ runId: run.row.id, workspaceId: run.row.workspaceId, versionId: run.row.versionId, contactId: run.row.contactId })),
  );
  for (const run of entering) if (metOnEntry.get(run.row.id)?.exit) run.status = "completed";

  const settle = (run: Live, node: GraphNode, outcome: StepOutcome, recordStep: boolean) => {
    if (outcome.kind === "wait") {
      run.status = "waiting";
      run.wait = { waitFor: outcome.waitFor, conversationId: outcome.conversationId ?? null, until: new Date(now + outcome.seconds * 1_000) };
      return;
    }
    // A step whose effect already records it (its conversation) writes no second row.
    if (outcome.kind === "next" && outcome.recordedBy) {
      run.lastRecordNodeId = node.id;
      run.stepsSinceRecord = 0;
    } else if (recordStep) {
      steps.push({
        afterRecordNodeId: run.lastRecordNodeId,
        place: ++run.stepsSinceRecord,
        id: timeOrderedId(now),
        runId: run.row.id,
        nodeId: node.id,
        nodeType: node.type,
        status: outcome.kind === "next" ? "ok" : outcome.kind === "skip" ? "skipped" : "error",
        outcome: outcome.kind === "fail" ? null : (outcome.port ?? null),
        detail: outcome.kind === "skip" ? { reason: outcome.reason } : (outcome.detail ?? {}),
        error: outcome.kind === "fail" ? outcome.error : outcome.kind === "skip" ? outcome.reason : null,
      });
    }
    if (outcome.kind === "fail") {
      run.status = "failed";
      run.error = outcome.error;
      return;
    }
    if (outcome.context) {
      run.state.context = { ...run.state.context, ...outcome.context };
      run.contextChanged = true;
    }
    // A skip without a port ends the run; with one it goes on like any step.
    const next = outcome.port !== undefined ? graphs.get(run.row.versionId)?.topology.next.get(node.id)?.get(outcome.port) : undefined;
    if (next) run.nodeId = next;
    else run.status = "completed";
  };

  // A graph is acyclic, so no run passes more nodes than the graph has; the bound is a safety net.
  for (let round = 0; round <= 1_000; round++) {
    const active = runs.filter((run) => run.status === "running");
    if (active.length === 0) break;
    const groups = new Map<string, Live[]>();
    for (const run of active) {
      const key = `${run.row.versionId}\u0000${run.nodeId}`;
      const group = groups.get(key);
      if (group) group.push(run);
      else groups.set(key, [run]);
    }
    for (const group of groups.values()) {
      const first = group[0]!.row;
      const node = group[0]!.nodeId ? graphs.get(first.versionId)?.topology.nodes.get(group[0]!.nodeId) : undefined;
      if (!node) {
        for (const run of group) {
          run.status = "failed";
          run.error = "The step this run was at is missing from its workflow version.";
        }
        continue;
      }
      // A run whose wait ended (reply, timeout) leaves its node by the outcome the wait chose.
      const resumed = group.filter((run) => run.resumeOutcome !== null);
      for (const run of resumed) {
        const port = resumePort(node, run.resumeOutcome as WaitEnd);
        run.resumeOutcome = null;
        settle(run, node, port ? { kind: "next", port } : { kind: "fail", error: "This step cannot be resumed: it does not say where a run goes once its wait ends." }, true);
      }
      // A run whose conversation was never started (its start was skipped) does not run a step
      // that acts on one: it leaves by the node's whenStartSkipped output (Branch: Not started),
      // or is logged as skipped and goes on by the node's only output.
      const definition = definitionOf(node.type);
      const startSkipped = definition.needsConversation
        ? group.filter((run) => !resumed.includes(run) && !run.state.context.conversationId && run.state.context.startSkipped !== undefined)
        : [];
      for (const run of startSkipped) {
        const reason = `No conversation was started: ${run.state.context.startSkipped}`;
        if (definition.whenStartSkipped) settle(run, node, { kind: "next", port: definition.whenStartSkipped, detail: { reason } }, true);
        else settle(run, node, { kind: "skip", reason, port: definition.outputs.length === 1 ? definition.outputs[0]!.id : undefined }, true);
      }
      const fresh = group.filter((run) => !resumed.includes(run) && !startSkipped.includes(run));
      if (fresh.length === 0) continue;
      const outcomes = await runExecutor(node, {
        ctx: { tx, workspace: { id: first.workspaceId, plan: first.plan }, actor: { type: "system" } },
        workflowId: first.workflowId,
        versionId: first.versionId,
        runs: fresh.map((run) => run.state),
        newRuns: persist === "insert",
      });
      const isTrigger = definition.category === "trigger";
      fresh.forEach((run, i) => settle(run, node, outcomes[i] ?? { kind: "fail", error: "This step produced no outcome." }, !isTrigger));
    }
  }

  const finalStates = runs.map((run): FinalState => ({
    id: run.row.id,
    status: run.status,
    node_id: run.nodeId,
    wait_for: run.wait?.waitFor ?? null,
    wait_conversation_id: run.wait?.conversationId ?? null,
    wait_until: run.wait?.until.toISOString() ?? null,
    context: run.contextChanged || persist === "insert" ? run.state.context : null,
    error: run.error ?? null,
  }));
  if (persist === "insert") {
    // Written out rather than spread from finalStates: this runs once per contact of a fan-out.
    const r = bulkRows(
      runs.map(({ row }, i): NewRunRow => {
        const state = finalStates[i]!;
        return {
          id: row.id,
          workspaceId: row.workspaceId,
          workflowId: row.workflowId,
          versionId: row.versionId,
          contactId: row.contactId,
          triggerKey: row.triggerKey!,
          status: state.status,
          node_id: state.node_id,
          wait_for: state.wait_for,
          wait_conversation_id: state.wait_conversation_id,
          wait_until: state.wait_until,
          isTest: row.isTest,
          context: state.context,
          error: state.error,
        };
      }),
      NEW_RUN_COLUMNS,
    );
    // Raw SQL on purpose (the fan-out's bulk write): one statement for the whole batch, each column
    // one array parameter. A plain INSERT: the unique entry key turns a contact another transaction entered meanwhile
    // into an error, which rolls the whole batch back as it must anyway.
    try {
      await tx.execute(sql`
      INSERT INTO workflow_runs (id, workspace_id, workflow_id, version_id, contact_id, trigger_key, status, current_node_id,
        wait_for, wait_conversation_id, wait_until, is_test, context, error, finished_at)
      SELECT ${r.col("id")}, ${r.col("workspaceId")}, ${r.col("workflowId")}, ${r.col("versionId")}, ${r.col("contactId")},
        ${r.col("triggerKey")}, ${r.col("status")}::run_status, ${r.col("node_id")}, ${r.col("wait_for")}, ${r.col("wait_conversation_id")},
        ${r.col("wait_until")}, ${r.col("isTest")}, ${r.col("context")}, ${r.col("error")},
        CASE WHEN ${r.col("status")} IN ('completed', 'failed') THEN now() END
      FROM ${r.from}`);
    } catch (error) {
      if (isUniqueViolation(error, "workflow_runs_entry_key")) throw new ConcurrentEntryError();
      throw error;
    }
  } else {
    // Raw SQL on purpose: every run's new state in one statement, from one jsonb parameter.
    await tx.execute(sql`
      UPDATE workflow_runs r SET status = u.status::run_status, current_node_id = u.node_id, wait_for = u.wait_for,
        wait_conversation_id = u.wait_conversation_id, wait_until = u.wait_until, resume_outcome = NULL,
        context = coalesce(u.context, r.context), error = u.error,
        finished_at = CASE WHEN u.status IN ('completed', 'failed') THEN now() END, updated_at = now()
      FROM jsonb_to_recordset(${jsonbParam(finalStates)}) AS u(id uuid, status text, node_id text, wait_for text,
        wait_conversation_id uuid, wait_until timestamptz, context jsonb, error text)
      WHERE r.id = u.id`);
  }

  if (steps.length > 0) {
    // Raw SQL on purpose (bulk write): the batch's steps in one statement, written after the
    // conversations this transaction started, which are their Start a Conversation steps' records
    // (run_step_log orders a run's log by created_at). So a step takes the time of the record it
    // followed (that conversation's created_at, or the transaction's start, which precedes every
    // conversation the transaction writes) plus its place since, in microseconds: a Split before a
    // Start stays before its conversation, and an Assign after it stays after.
    const st = bulkRows(steps, STEP_COLUMNS);
    await tx.execute(sql`
      INSERT INTO ${runSteps} (id, run_id, node_id, node_type, status, outcome, detail, error, created_at)
      SELECT ${st.col("id")}, ${st.col("runId")}, ${st.col("nodeId")}, ${st.col("nodeType")}, ${st.col("status")}::step_status,
        ${st.col("outcome")}, ${st.col("detail")}, ${st.col("error")},
        CASE WHEN ${st.col("afterRecordNodeId")} IS NULL THEN now()
          ELSE coalesce((SELECT c.created_at FROM ${conversations} c WHERE c.run_id = ${st.col("runId")} AND c.node_id = ${st.col("afterRecordNodeId")}), now())
        END + ${st.col("place")} * interval '1 microsecond'
      FROM ${st.from}
      ${persist === "insert" ? sql`` : sql`ON CONFLICT (run_id, node_id) DO NOTHING`}`);
  }

  if (metOnEntry.size > 0) {
    await tx.update(workflowRuns).set({ goalMetAt: sql`now()` }).where(and(sql`${workflowRuns.id} = ANY(${uuidArray([...metOnEntry.keys()])})`, isNull(workflowRuns.goalMetAt)));
  }

  // One deadline job per distinct deadline; a batch that reached the same node shares one.
  const byDeadline = new Map<number, string[]>();
  for (const run of runs) {
    if (run.status !== "waiting" || !run.wait) continue;
    const key = run.wait.until.getTime();
    const ids = byDeadline.get(key);
    if (ids) ids.push(run.row.id);
    else byDeadline.set(key, [run.row.id]);
  }
  for (const [deadline, ids] of byDeadline) {
    for (let i = 0; i < ids.length; i += RUN_BATCH_SIZE) {
      await enqueue(tx, waitDeadlineJob, { runIds: ids.slice(i, i + RUN_BATCH_SIZE) }, { runAt: new Date(deadline) });
    }
  }

  for (const run of runs) {
    if (run.status === "waiting") summary.waiting++;
    if (run.status === "completed") summary.completed++;
    if (run.status === "failed") summary.failed++;
  }
  summary.advanced = runs.length;
  summary.steps = steps.length;
  await notifyRunsMoved(tx, rows);
  return summary;
}
