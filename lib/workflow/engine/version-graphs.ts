import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { workflowVersions } from "@/lib/db/schema/workflows";
import { uuidArray } from "@/lib/db/sql-params";
import { workflowGraphSchema, type WorkflowGraph } from "@/lib/workflow/graph-schema";
import { buildTopology, type Topology } from "@/lib/workflow/graph-topology";

export type VersionGraph = { versionId: string; graph: WorkflowGraph; topology: Topology };

// Versions are immutable (a trigger forbids UPDATE), so a parsed graph never goes stale.
const cache = new Map<string, VersionGraph>();
const CACHE_LIMIT = 500;

export function compileVersionGraph(versionId: string, rawGraph: unknown): VersionGraph {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const graph = workflowGraphSchema.parse(rawGraph);
  const compiled = { versionId, graph, topology: buildTopology(graph) };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(versionId, compiled);
  return compiled;
}

export async function loadVersionGraphs(db: DbOrTx, versionIds: readonly string[]): Promise<Map<string, VersionGraph>> {
  const result = new Map<string, VersionGraph>();
  const missing = versionIds.filter((id) => {
    const cached = cache.get(id);
    if (cached) result.set(id, cached);
    return !cached;
  });
  if (missing.length > 0) {
    const rows = await db
      .select({ id: workflowVersions.id, graph: workflowVersions.graph })
      .from(workflowVersions)
      .where(sql`${workflowVersions.id} = ANY(${uuidArray(missing)})`);
    for (const row of rows) result.set(row.id, compileVersionGraph(row.id, row.graph));
  }
  return result;
}
