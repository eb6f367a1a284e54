import { definitionOf, NODE_TYPES, type NodeType } from "@/lib/workflow/node-types";
import type { Executor } from "./executor-types";

let loading: Promise<ReadonlyMap<NodeType, Executor<unknown>>> | undefined;

/**
 * Every node type's executor, loaded through the registry (each definition's loadExecutor) once
 * per process. A node type without one is refused here, which the worker calls before it takes
 * any job: a missing executor stops it at start, in one line, rather than failing runs later.
 */
export function loadNodeExecutors(): Promise<ReadonlyMap<NodeType, Executor<unknown>>> {
  loading ??= (async () => {
    const entries = await Promise.all(
      NODE_TYPES.map(async (type) => {
        const load = definitionOf(type).loadExecutor;
        if (!load) throw new Error(`Node type “${type}” has no executor: give its definition a loadExecutor for its executor.ts.`);
        const { executor } = await load();
        if (typeof executor !== "function") throw new Error(`Node type “${type}” has no executor: its executor.ts must export \`executor\`.`);
        return [type, executor as Executor<unknown>] as const;
      }),
    );
    return new Map(entries);
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
