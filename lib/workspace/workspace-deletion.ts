import { and, eq, is, isNotNull, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { schema, type Database } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema/workspaces";

/** Rows one deletion statement removes: each commits alone, so no transaction holds a large part of the workspace. */
export const WORKSPACE_DELETION_BATCH_SIZE = 1_000;

/**
 * How to find a table's rows of one workspace: its own workspace_id, or (for a table without one,
 * e.g. team_members) the foreign key to the parent that has it.
 */
type DeletionStep = {
  table: PgTable;
  name: string;
  scope: { kind: "own"; column: PgColumn } | { kind: "parent"; parent: PgTable; columns: [PgColumn, PgColumn][]; parentWorkspace: PgColumn };
};

const workspaceColumn = (table: PgTable) => getTableConfig(table).columns.find((column) => column.name === "workspace_id");

/**
 * Every table holding a workspace's data, children before the tables they reference, read from
 * the schema (lib/db/schema, which lib/db/__tests__/schema-declared.test.ts keeps equal to the
 * database): a table added later is deleted without anyone listing it here. Deleting children
 * first keeps each statement bounded, where deleting a parent would cascade to all its children.
 */
export function workspaceDeletionPlan(): DeletionStep[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable) && value !== workspaces);
  const steps = new Map<PgTable, DeletionStep>();
  for (const table of tables) {
    const column = workspaceColumn(table);
    if (column) steps.set(table, { table, name: getTableConfig(table).name, scope: { kind: "own", column } });
  }
  for (const table of tables) {
    if (steps.has(table)) continue;
    // Belongs to a workspace through a parent that is deleted with it (ON DELETE CASCADE).
    for (const foreignKey of getTableConfig(table).foreignKeys) {
      const reference = foreignKey.reference();
      const parentWorkspace = steps.get(reference.foreignTable)?.scope;
      if (foreignKey.onDelete !== "cascade" || parentWorkspace?.kind !== "own") continue;
      const columns = reference.columns.map((column, index): [PgColumn, PgColumn] => [column, reference.foreignColumns[index]!]);
      steps.set(table, { table, name: getTableConfig(table).name, scope: { kind: "parent", parent: reference.foreignTable, columns, parentWorkspace: parentWorkspace.column } });
      break;
    }
  }
  return childrenFirst([...steps.values()]);
}

/** Orders steps so that a table comes before every table it references; "set null" references give way in a cycle. */
function childrenFirst(steps: DeletionStep[]): DeletionStep[] {
  const edges = (withSetNull: boolean) =>
    new Map(
      steps.map((step) => [
        step.table,
        getTableConfig(step.table)
          .foreignKeys.filter((foreignKey) => withSetNull || foreignKey.onDelete !== "set null")
          .map((foreignKey) => foreignKey.reference().foreignTable)
          .filter((parent) => parent !== step.table && steps.some((other) => other.table === parent)),
      ]),
    );
  for (const withSetNull of [true, false]) {
    const parentsOf = edges(withSetNull);
    const ordered: DeletionStep[] = [];
    const remaining = [...steps];
    while (remaining.length > 0) {
      // A table is ready when no remaining table references it.
      const index = remaining.findIndex((step) => !remaining.some((other) => parentsOf.get(other.table)!.includes(step.table)));
      if (index === -1) break;
      ordered.push(remaining.splice(index, 1)[0]!);
    }
    if (remaining.length === 0) return ordered;
  }
  throw new Error("the schema's foreign keys form a cycle that no ON DELETE SET NULL breaks");
}

/**
 * One batch of a table's rows in the workspace, by physical row id: a single statement with a
 * LIMIT, which drizzle's delete() cannot express for any table generically (raw SQL on purpose:
 * bulk deletion is where the query builder does not reach).
 */
function batchDelete(step: DeletionStep, workspaceId: string, batchSize: number): SQL {
  const { table, scope } = step;
  if (scope.kind === "own") {
    return sql`DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${scope.column} = ${workspaceId} LIMIT ${batchSize}))`;
  }
  const join = sql.join(
    scope.columns.map(([child, parent]) => sql`${child} = ${parent}`),
    sql` AND `,
  );
  return sql`DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ${table}.ctid FROM ${table} JOIN ${scope.parent} ON ${join} WHERE ${scope.parentWorkspace} = ${workspaceId} LIMIT ${batchSize}))`;
}

export type DeletionProgress = { table: string; deleted: number };

/**
 * Removes everything in a workspace whose deletion has started, in batches of at most
 * `batchSize` rows, each committed on its own, then the workspace row last. Safe to run again
 * after a crash at any point: it carries on with what is left. A workspace not marked for
 * deletion is left alone (returns false).
 */
export async function removeDeletedWorkspace(
  db: Database,
  workspaceId: string,
  options: { batchSize?: number; afterBatch?: (progress: DeletionProgress) => Promise<void> | void } = {},
): Promise<boolean> {
  const batchSize = options.batchSize ?? WORKSPACE_DELETION_BATCH_SIZE;
  const [marked] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.id, workspaceId), isNotNull(workspaces.deletionStartedAt)));
  if (!marked) return false;
  for (const step of workspaceDeletionPlan()) {
    for (;;) {
      const { rowCount } = await db.execute(batchDelete(step, workspaceId, batchSize));
      const deleted = rowCount ?? 0;
      if (deleted > 0) await options.afterBatch?.({ table: step.name, deleted });
      if (deleted < batchSize) break;
    }
  }
  await db.delete(workspaces).where(and(eq(workspaces.id, workspaceId), isNotNull(workspaces.deletionStartedAt)));
  return true;
}
