import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { workflowVersions, workflows } from "@/lib/db/schema/workflows";
import { uuidSchema } from "@/lib/validation/uuid";
import { SPLIT_MIN_OUTPUTS, SPLIT_PATHS } from "@/lib/workflow/nodes/split/definition";
import { listRecipients, loadChart, loadFunnels, RECIPIENT_STATUSES, type ChartPoint, type ChartUnit, type FunnelRow, type RecipientRow } from "./workflow-results";

export const RESULTS_PAGE_SIZE = 50;

/** The Results tab's URL: ?node=&status=&chart=day|hour&after=<time>~<id>. Anything invalid reads as no filter. */
export const resultsParamsSchema = z.object({
  node: z.string().max(64).optional().catch(undefined),
  status: z.enum(RECIPIENT_STATUSES).optional().catch(undefined),
  chart: z.enum(["day", "hour"]).catch("day").default("day"),
  after: z
    .string()
    .max(120)
    .transform((value, context) => {
      const [at, id] = value.split("~");
      if (!at || Number.isNaN(Date.parse(at)) || !uuidSchema.safeParse(id).success) {
        context.addIssue({ code: "custom", message: "bad cursor" });
        return z.NEVER;
      }
      return { at, id: id! };
    })
    .optional()
    .catch(undefined),
});
export type ResultsParams = z.infer<typeof resultsParamsSchema>;

export type StartNode = { id: string; label: string };
/** A Split step and its paths ("A · 50%"), with the Start a Conversation steps after it whose recipients its paths' funnels count. */
export type SplitNode = { id: string; label: string; paths: { id: string; label: string }[]; startNodeIds: string[] };

type GraphLike = {
  nodes?: { id: string; type: string; config?: { shares?: unknown } }[];
  edges?: { source: string; target: string }[];
};

/** The Start a Conversation steps reachable from a node (its outputs, transitively). */
function startNodesAfter(graph: GraphLike, from: string): string[] {
  const types = new Map((graph.nodes ?? []).map((n) => [n.id, n.type]));
  const found: string[] = [];
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of graph.edges ?? []) {
      if (e.source !== id || seen.has(e.target)) continue;
      seen.add(e.target);
      queue.push(e.target);
      if (types.get(e.target) === "start_conversation") found.push(e.target);
    }
  }
  return found;
}

/**
 * What the results are counted by, from every published version (a step removed since still has
 * its recipients), newest first: the Start a Conversation steps labelled in graph order ("Start a
 * Conversation 1", "… 2"), the Split steps with their paths, and whether any version has a goal.
 */
export async function workflowShapeOf(db: DbOrTx, workspaceId: string, workflowId: string): Promise<{ startNodes: StartNode[]; splits: SplitNode[]; hasGoal: boolean }> {
  const versions = await db
    .select({ graph: workflowVersions.graph, goal: workflowVersions.goal })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workspaceId, workspaceId), eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.isTest, false)))
    .orderBy(asc(workflowVersions.version));
  const ids: string[] = [];
  const splits = new Map<string, { shares: number[]; startNodeIds: Set<string> }>();
  let hasGoal = false;
  for (const { graph, goal } of versions.reverse()) {
    if (goal !== null) hasGoal = true;
    const g = graph as GraphLike;
    for (const node of g.nodes ?? []) {
      if (node.type === "start_conversation" && !ids.includes(node.id)) ids.push(node.id);
      if (node.type !== "split") continue;
      const split = splits.get(node.id) ?? { shares: Array.isArray(node.config?.shares) ? (node.config.shares as number[]) : [], startNodeIds: new Set<string>() };
      for (const id of startNodesAfter(g, node.id)) split.startNodeIds.add(id);
      splits.set(node.id, split);
    }
  }
  const startNodes = ids.map((id, index) => ({ id, label: ids.length === 1 ? "Start a Conversation" : `Start a Conversation ${index + 1}` }));
  const splitList = [...splits.entries()].map(([id, split], index) => ({
    id,
    label: splits.size === 1 ? "Split" : `Split ${index + 1}`,
    paths: SPLIT_PATHS.slice(0, Math.max(SPLIT_MIN_OUTPUTS, split.shares.length)).map((path, i) => ({
      id: path.id,
      label: split.shares[i] ? `Path ${path.label} · ${split.shares[i]}%` : `Path ${path.label}`,
    })),
    startNodeIds: ids.filter((startId) => split.startNodeIds.has(startId)),
  }));
  return { startNodes, splits: splitList, hasGoal };
}

/** The workflow's Start a Conversation steps (see workflowShapeOf). */
export async function startNodesOf(db: DbOrTx, workspaceId: string, workflowId: string): Promise<StartNode[]> {
  return (await workflowShapeOf(db, workspaceId, workflowId)).startNodes;
}

export type ResultsPageData = {
  workflow: { id: string; name: string };
  startNodes: StartNode[];
  funnel: FunnelRow[];
  /** The funnel per path of each Split (its paths' rows keyed by port id), to compare variants. */
  splits: (SplitNode & { funnel: FunnelRow[] })[];
  /** Whether the workflow has (or had) a goal: the funnel's goal stage and the chart's goals. */
  hasGoal: boolean;
  chart: { unit: ChartUnit; points: ChartPoint[] };
  recipients: { rows: RecipientRow[]; next: string | null };
};

export const encodeCursor = (cursor: { at: string; id: string }) => `${cursor.at}~${cursor.id}`;

/** The workflow's id and name, or null when it is not this workspace's. */
export async function loadWorkflowName(db: DbOrTx, workspaceId: string, workflowId: string): Promise<{ id: string; name: string } | null> {
  if (!uuidSchema.safeParse(workflowId).success) return null;
  const [workflow] = await db
    .select({ id: workflows.id, name: workflows.name })
    .from(workflows)
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, workflowId)));
  return workflow ?? null;
}

/** Everything the Results tab shows, or null when the workflow is not this workspace's. */
export async function loadResultsPage(db: DbOrTx, workspaceId: string, workflowId: string, params: ResultsParams): Promise<ResultsPageData | null> {
  if (!uuidSchema.safeParse(workflowId).success) return null;
  // Independent reads go out together, each on its own pooled connection: the chart needs only the
  // workflow's id; the funnels and the recipients need its steps (from its versions) first.
  const chartQuery = loadChart(db, { workspaceId, workflowId, unit: params.chart });
  // Handled where it is awaited below; this only keeps a failure elsewhere from leaving it unhandled.
  chartQuery.catch(() => undefined);
  const [workflow, { startNodes, splits, hasGoal }] = await Promise.all([loadWorkflowName(db, workspaceId, workflowId), workflowShapeOf(db, workspaceId, workflowId)]);
  if (!workflow) {
    await chartQuery;
    return null;
  }
  const startNodeIds = startNodes.map((node) => node.id);
  const nodeId = params.node && startNodeIds.includes(params.node) ? params.node : null;
  const [funnels, points, recipients] = await Promise.all([
    loadFunnels(db, {
      workspaceId,
      workflowId,
      startNodeIds,
      goals: hasGoal,
      splits: splits.map((split) => ({ splitNodeId: split.id, pathIds: split.paths.map((path) => path.id), startNodeIds: split.startNodeIds })),
    }),
    chartQuery,
    listRecipients(db, { workspaceId, workflowId, startNodeIds, filter: { nodeId, status: params.status ?? null }, after: params.after ?? null, limit: RESULTS_PAGE_SIZE }),
  ]);
  return {
    workflow,
    startNodes,
    funnel: funnels.byNode,
    splits: splits.map((split, i) => ({ ...split, funnel: funnels.bySplit[i]! })),
    hasGoal,
    chart: { unit: params.chart, points },
    recipients: { rows: recipients.rows, next: recipients.next ? encodeCursor(recipients.next) : null },
  };
}
