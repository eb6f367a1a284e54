import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { ImportProgress } from "@/components/contact-import/import-progress";
import { MappingForm } from "@/components/contact-import/mapping-form";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { attributeDefinitionsByKey } from "@/lib/contacts/attribute-definitions";
import { getContactImport, importProgress, listImportFailures, previewImportRows } from "@/lib/db/queries/contact-imports";
import { PREVIEW_ROWS } from "@/lib/contact-imports/import-limits";
import { guessMapping } from "@/lib/contact-imports/import-mapping";
import { getDb } from "@/lib/db/client";
import { uuidSchema } from "@/lib/validation/uuid";

export const metadata: Metadata = { title: "Import contacts" };

const FAILURES_SHOWN = 50;

export default async function ContactImportPage({ params }: { params: Promise<{ workspaceId: string; importId: string }> }) {
  const { workspaceId, importId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/import/${importId}`);
  if (!BUILDER_ROLES.includes(role) || !uuidSchema.safeParse(importId).success) notFound();
  const db = getDb();
  const job = await getContactImport(db, workspace.id, importId);
  if (!job) notFound();
  const delimiter = job.delimiter === ";" ? "semicolons" : "commas";
  const description = `${job.fileName} · ${job.totalRows.toLocaleString("en-US")} rows · ${job.columns.length} columns separated by ${delimiter}`;

  if (job.status === "uploaded") {
    const [rows, specs] = await Promise.all([previewImportRows(db, job.id, PREVIEW_ROWS), attributeDefinitionsByKey(db, workspace.id)]);
    const attributes = [...specs].map(([key, spec]) => ({ key, label: spec.label, type: spec.type })).sort((a, b) => a.label.localeCompare(b.label));
    return (
      <>
        <PageHeader title="Import contacts" description={description} />
        <div className="grid gap-6 px-6 py-5">
          <BackLink workspaceId={workspace.id} />
          <section aria-labelledby="preview-title" className="grid gap-3">
            <h2 id="preview-title" className="text-base font-semibold">
              First rows
            </h2>
            <div className="overflow-x-auto rounded-lg border">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">The first {rows.length} rows of the file</caption>
                <thead className="border-b bg-subtle text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">Line</th>
                    {job.columns.map((column, i) => (
                      <th key={i} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {rows.map((row) => (
                    <tr key={row.line}>
                      <td className="px-3 py-2 text-muted-foreground tabular-nums">{row.line}</td>
                      {job.columns.map((_, i) => (
                        <td key={i} className="max-w-56 truncate px-3 py-2">
                          {row.cells[i] ?? ""}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <MappingForm
            workspaceId={workspace.id}
            importId={job.id}
            columns={job.columns}
            examples={rows.map((row) => row.cells)}
            attributes={attributes}
            initial={job.columns.map((column) => guessMapping(column, specs))}
          />
        </div>
      </>
    );
  }

  const failures = await listImportFailures(db, job.id, FAILURES_SHOWN);
  return (
    <>
      <PageHeader title="Import contacts" description={description} />
      <div className="grid gap-6 px-6 py-5">
        <BackLink workspaceId={workspace.id} />
        <ImportProgress key={job.status} workspaceId={workspace.id} initial={importProgress(job)} />
        {failures.length > 0 ? (
          <section aria-labelledby="failures-title" className="grid max-w-3xl gap-3">
            <h2 id="failures-title" className="text-base font-semibold">
              Rows not imported{job.failed > failures.length ? ` (first ${failures.length} of ${job.failed.toLocaleString("en-US")})` : ""}
            </h2>
            <div className="overflow-x-auto rounded-lg border">
              <table className="w-full text-left text-sm">
                <thead className="border-b bg-subtle text-xs text-muted-foreground uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-semibold">Line</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Reason</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {failures.map((failure) => (
                    <tr key={failure.rowNo}>
                      <td className="px-4 py-2 tabular-nums">{failure.line}</td>
                      <td className="px-4 py-2">{failure.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}

function BackLink({ workspaceId }: { workspaceId: string }) {
  return (
    <p className="text-sm">
      <Link href={`/${workspaceId}/contacts/import`} className="text-primary underline-offset-4 hover:underline">
        ← Imports
      </Link>
    </p>
  );
}
