import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { contactImportRows, contactImports, type ContactImport } from "@/lib/db/schema/contact-imports";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { SafeError, notFound } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { AttributeTypeSpec } from "@/lib/contacts/attribute-types";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import { findTrigger } from "@/lib/workflow/node-types";
import { audienceMatchedConfigSchema, audienceMatchedDefinition } from "@/lib/workflow/nodes/audience-matched/definition";
import { compileVersionGraph } from "@/lib/workflow/engine/version-graphs";
import { createAttributeDefinition } from "@/lib/contacts/attribute-definitions";
import { attributeDefinitionsByKey } from "@/lib/contacts/attribute-definitions";
import { contactImportJob } from "./import-job";
import { CHANNEL_KIND_LABELS } from "@/lib/workflow/customer-destination";
import { IMPORT_FIELD_LABELS, mapImportRow } from "./import-mapping";
import type { ImportSettings } from "./contact-imports.validation";

async function lockImport(ctx: ServiceContext, importId: string): Promise<ContactImport> {
  const [row] = await ctx.tx
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.id, importId), eq(contactImports.workspaceId, ctx.workspace.id)))
    .for("update");
  if (!row) throw notFound("That import");
  return row;
}

/**
 * The mapping's own rules, against the file and the workspace's attributes: one target per
 * column, each field and attribute at most once (tags may come from several columns), the match
 * field mapped, and a new attribute's key not taken. Returns the specs the rows will be read by.
 */
function checkSettings(job: ContactImport, settings: ImportSettings, specs: Map<string, AttributeTypeSpec>): Map<string, AttributeTypeSpec> {
  if (settings.mapping.length !== job.columns.length) throw new SafeError("invalid_input", "The mapping does not fit the file's columns; reload the page.");
  const seen = new Set<string>();
  const withNew = new Map(specs);
  settings.mapping.forEach((target, i) => {
    const column = job.columns[i];
    if (target.kind === "ignore") return;
    const name = target.kind === "field" ? target.field : target.kind === "consent" ? `consent:${target.channelKind}` : `attribute:${target.key}`;
    if (seen.has(name) && name !== "tags") {
      const what =
        target.kind === "field"
          ? IMPORT_FIELD_LABELS[target.field]
          : target.kind === "consent"
            ? `${CHANNEL_KIND_LABELS[target.channelKind]} consent`
            : `the attribute “${target.key}”`;
      throw new SafeError("invalid_input", `Two columns are mapped to ${what}; map “${column}” to something else or ignore it.`);
    }
    seen.add(name);
    if (target.kind === "new_attribute") {
      if (specs.has(target.key)) throw new SafeError("conflict", `An attribute “${target.key}” exists already: map “${column}” to it instead.`);
      withNew.set(target.key, { type: target.type });
    }
  });
  if (!seen.has(settings.matchBy)) {
    throw new SafeError("invalid_input", `To match existing contacts by ${IMPORT_FIELD_LABELS[settings.matchBy].toLowerCase()}, map a column to ${IMPORT_FIELD_LABELS[settings.matchBy]}.`);
  }
  return withNew;
}

/**
 * Contacts › Import, last step: keeps the person's mapping, creates the attributes made from
 * columns, and queues the job that writes the rows. Only an import still waiting can start.
 */
export async function startContactImport(ctx: ServiceContext, input: ImportSettings): Promise<{ importId: string }> {
  const job = await lockImport(ctx, input.importId);
  if (job.status !== "uploaded") throw new SafeError("conflict", "This import has already started.");
  checkSettings(job, input, await attributeDefinitionsByKey(ctx.tx, ctx.workspace.id));
  for (const target of input.mapping) {
    if (target.kind === "new_attribute") await createAttributeDefinition(ctx, { key: target.key, label: target.label, type: target.type });
  }
  // Attributes made here are plain attributes from now on: the job reads them by their definition.
  const mapping = input.mapping.map((target) => (target.kind === "new_attribute" ? { kind: "attribute" as const, key: target.key } : target));
  await ctx.tx
    .update(contactImports)
    .set({ status: "running", mapping, matchBy: input.matchBy, existing: input.existing, tag: input.tag, startedAt: sql`now()` })
    .where(eq(contactImports.id, job.id));
  await enqueue(ctx.tx, contactImportJob, { importId: job.id }, { jobKey: `contact-import:${job.id}` });
  await audit(ctx, {
    action: "contact_import.started",
    target: { type: "contact_import", id: job.id },
    data: { fileName: job.fileName, rows: job.totalRows, matchBy: input.matchBy, existing: input.existing, tag: input.tag },
  });
  return { importId: job.id };
}

/**
 * Stops an import: the batch in flight (if any) commits first (the row lock makes this wait for
 * it), nothing after it is written. What was imported stays; the staged rows go.
 */
export async function cancelContactImport(ctx: ServiceContext, input: { importId: string }): Promise<{ rowsDone: number }> {
  const job = await lockImport(ctx, input.importId);
  if (job.status !== "uploaded" && job.status !== "running") throw new SafeError("conflict", "This import has already ended.");
  await ctx.tx.update(contactImports).set({ status: "cancelled", finishedAt: sql`now()` }).where(eq(contactImports.id, job.id));
  await ctx.tx.delete(contactImportRows).where(eq(contactImportRows.importId, job.id));
  await audit(ctx, { action: "contact_import.cancelled", target: { type: "contact_import", id: job.id }, data: { fileName: job.fileName, rowsDone: job.rowsDone, rows: job.totalRows } });
  return { rowsDone: job.rowsDone };
}

export type ImportPreview = {
  rows: number;
  failing: number;
  /** Live Audience Matched workflows and how many of the contacts this import writes would match each. */
  workflows: { id: string; name: string; matching: number }[];
};

const PREVIEW_PAGE_ROWS = 5_000;

/**
 * What the import would do, before it starts: rows that would fail, and for each live Audience
 * Matched workflow how many of the contacts it creates or updates would match its filter (they
 * are reached on its next evaluation). Each row is read through the import's mapping and merged
 * over the contact it matches, then counted with the one audience compiler (compileAudience)
 * over that merged relation, a page of staged rows per statement. Writes nothing.
 */
export async function previewContactImport(ctx: ServiceContext, input: ImportSettings): Promise<ImportPreview> {
  const job = await lockImport(ctx, input.importId);
  const specs = checkSettings(job, input, await attributeDefinitionsByKey(ctx.tx, ctx.workspace.id));
  const live = await ctx.tx
    .select({ id: workflows.id, name: workflows.name, versionId: workflowVersions.id, graph: workflowVersions.graph })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
    .where(and(eq(workflows.workspaceId, ctx.workspace.id), eq(workflows.status, "live"), inArray(workflowVersions.triggerType, [audienceMatchedDefinition.type])))
    .orderBy(workflows.name);
  const audiences = live.map((workflow) => {
    const trigger = findTrigger(compileVersionGraph(workflow.versionId, workflow.graph).graph);
    return { id: workflow.id, name: workflow.name, filter: audienceMatchedConfigSchema.parse(trigger?.config ?? {}).filter, matching: 0 };
  });

  const preview: ImportPreview = { rows: job.totalRows, failing: 0, workflows: [] };
  const match: Record<ImportSettings["matchBy"], SQL> = {
    external_id: sql`x.external_id = s.external_id`,
    email: sql`lower(x.email) = lower(s.email)`,
    phone: sql`x.phone = s.phone`,
  };
  const tag = input.tag ? [input.tag] : [];
  for (let after = 0; after < job.totalRows; after += PREVIEW_PAGE_ROWS) {
    const page = await ctx.tx
      .select({ cells: contactImportRows.cells })
      .from(contactImportRows)
      .where(and(eq(contactImportRows.importId, job.id), sql`${contactImportRows.rowNo} > ${after} AND ${contactImportRows.rowNo} <= ${after + PREVIEW_PAGE_ROWS}`));
    const rows = [];
    for (const { cells } of page) {
      const result = mapImportRow(cells, input.mapping, specs, job.columns);
      if (!result.ok) {
        preview.failing++;
        continue;
      }
      const { externalId, email, phone, attributes, tags } = result.row;
      rows.push({ external_id: externalId ?? null, email: email ?? null, phone: phone ?? null, attributes, tags: [...tags, ...tag] });
    }
    if (rows.length === 0 || audiences.length === 0) continue;
    // The contacts as they would be after the import: this row merged over the one it matches.
    const counts = await ctx.tx.execute<Record<string, string>>(sql`
      SELECT ${sql.join(
        audiences.map((audience, i) => sql`count(*) FILTER (WHERE ${compileAudience(audience.filter, ctx.workspace.id)}) AS ${sql.identifier(`w${i}`)}`),
        sql`, `,
      )}
      FROM (
        SELECT ${ctx.workspace.id}::uuid AS workspace_id, coalesce(e.attributes, '{}'::jsonb) || s.attributes AS attributes,
          coalesce(e.tags, '{}'::text[]) || s.tags AS tags, e.last_conversation_opened_at
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS s(external_id text, email text, phone text, attributes jsonb, tags text[])
        LEFT JOIN LATERAL (
          SELECT x.id, x.attributes, x.tags, x.last_conversation_opened_at FROM contacts x
          WHERE x.workspace_id = ${ctx.workspace.id}::uuid AND ${match[input.matchBy]} LIMIT 1
        ) e ON true
        ${input.existing === "skip" ? sql`WHERE e.id IS NULL` : sql``}
      ) c`);
    audiences.forEach((audience, i) => (audience.matching += Number(counts.rows[0]?.[`w${i}`] ?? 0)));
  }
  preview.workflows = audiences.map(({ id, name, matching }) => ({ id, name, matching }));
  return preview;
}
