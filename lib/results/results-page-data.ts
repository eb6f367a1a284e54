import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { workflowVersions, workflows } from "@/lib/db/schema/workflows";
import { uuidSchema } from "@/lib/validation/uuid";
import { listRecipients, loadChart, loadFunnel, RECIPIENT_STATUSES, type ChartPoint, type ChartUnit, type FunnelRow, type RecipientRow } from "./workflow-results";

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

type GraphLike = { nodes?: { id: string; type: string; config?: { message?: unknown } }[] };

/**
 * The workflow's Start a Conversation steps, from every published version (a step removed since
 * still has its recipients), labelled in graph order: "Start a Conversation 1", "… 2".
 */
export async function startNodesOf(db: DbOrTx, workspaceId: string, workflowId: string): Promise<StartNode[]> {
  const versions = await db
    .select({ graph: workflowVersions.graph })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workspaceId, workspaceId), eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.isTest, false)))
    .orderBy(asc(workflowVersions.version));
  const ids: string[] = [];
  for (const { graph } of versions.reverse()) {
    for (const node of (graph as GraphLike).nodes ?? []) if (node.type === "start_conversation" && !ids.includes(node.id)) ids.push(node.id);
  }
  return ids.map((id, index) => ({ id, label: ids.length === 1 ? "Start a Conversation" : `Start a Conversation ${index + 1}` }));
}

export type ResultsPageData = {
  workflow: { id: string; name: string };
  startNodes: StartNode[];
  funnel: FunnelRow[];
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
  const workflow = await loadWorkflowName(db, workspaceId, workflowId);
  if (!workflow) return null;
  const startNodes = await startNodesOf(db, workspaceId, workflowId);
  const startNodeIds = startNodes.map((node) => node.id);
  const nodeId = params.node && startNodeIds.includes(params.node) ? params.node : null;
  const [funnel, points, recipients] = await Promise.all([
    loadFunnel(db, { workspaceId, workflowId, startNodeIds }),
    loadChart(db, { workspaceId, workflowId, unit: params.chart }),
    listRecipients(db, { workspaceId, workflowId, startNodeIds, filter: { nodeId, status: params.status ?? null }, after: params.after ?? null, limit: RESULTS_PAGE_SIZE }),
  ]);
  return {
    workflow,
    startNodes,
    funnel,
    chart: { unit: params.chart, points },
    recipients: { rows: recipients.rows, next: recipients.next ? encodeCursor(recipients.next) : null },
  };
}
