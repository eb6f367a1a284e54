import { sql } from "drizzle-orm";
import { uuidArray } from "@/lib/db/sql-params";
import type { Executor } from "@/lib/workflow/engine/executor-types";
import { ports, type TagContactConfig } from "./definition";

/** Tags every contact of the batch at once (set-based, like every executor). */
export const executor: Executor<TagContactConfig> = async ({ ctx: { tx, workspace }, node, runs }) => {
  await tx.execute(sql`
    UPDATE contacts SET tags = array_append(tags, ${node.config.tag}::text)
    WHERE workspace_id = ${workspace.id} AND id = ANY(${uuidArray(runs.map((run) => run.contactId))}) AND NOT (${node.config.tag}::text = ANY(tags))`);
  return runs.map(() => ({ kind: "next", port: ports.next.id, detail: { tag: node.config.tag } }));
};
