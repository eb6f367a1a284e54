import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { contactImports } from "@/lib/db/schema/contact-imports";
import { workspaces } from "@/lib/db/schema/workspaces";
import { defineTask } from "@/lib/jobs/define-task";
import { contactImportJob } from "./import-job";
import { runContactImportToEnd } from "./import-batch";

/**
 * Runs an import to its end, one transaction per batch (runContactImportToEnd). Killed halfway,
 * the job is freed by the orphan recovery and retried: it starts again at the last checkpoint.
 */
export const contactImportTask = defineTask(contactImportJob.name, contactImportJob.schema, async ({ importId }, helpers) => {
  const [row] = await getDb()
    .select({ workspaceId: contactImports.workspaceId, plan: workspaces.plan })
    .from(contactImports)
    .innerJoin(workspaces, eq(workspaces.id, contactImports.workspaceId))
    .where(eq(contactImports.id, importId));
  if (!row) return;
  const scope = { workspace: { id: row.workspaceId, plan: row.plan }, actor: { type: "system" as const } };
  const outcome = await runContactImportToEnd(scope, importId);
  helpers.logger.info(`contact import ${importId}: ${outcome}`);
});
