import { Download, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { UploadForm } from "@/components/contact-import/upload-form";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listContactImports } from "@/lib/db/queries/contact-imports";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Import contacts" };

const STATUS_LABELS = { uploaded: "Not started", running: "Importing", completed: "Complete", cancelled: "Cancelled" } as const;

export default async function ImportContactsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/import`);
  const header = <PageHeader title="Import contacts" description="Bring in the customer list you already have, from a CSV file." />;
  if (!BUILDER_ROLES.includes(role)) {
    return (
      <>
        {header}
        <div className="px-6 py-5">
          <EmptyState icon={Upload} title="Only owners and admins can import" description={<p>An import writes many contacts at once and reaches live audiences. Ask an admin of this workspace.</p>} />
        </div>
      </>
    );
  }
  const imports = await listContactImports(getDb(), workspace.id);
  return (
    <>
      {header}
      <div className="grid max-w-5xl gap-6 px-6 py-5">
        <p className="text-sm">
          <Link href={`/${workspace.id}/contacts`} className="text-primary underline-offset-4 hover:underline">
            ← Contacts
          </Link>
        </p>
        <Card aria-labelledby="upload-title">
          <CardHeader>
            <CardTitle id="upload-title">Upload a CSV file</CardTitle>
            <CardDescription>
              You will see its first rows and choose what each column becomes before anything is imported.{" "}
              <a href="/contact-import-sample.csv" download className="inline-flex items-center gap-1 text-primary underline underline-offset-4">
                <Download className="size-3.5" aria-hidden />
                Download a sample file
              </a>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <UploadForm workspaceId={workspace.id} />
          </CardContent>
        </Card>

        {imports.length > 0 ? (
          <section aria-labelledby="recent-title" className="grid gap-3">
            <h2 id="recent-title" className="text-base font-semibold">
              Recent imports
            </h2>
            <div className="overflow-x-auto rounded-lg border">
              <table className="w-full text-left text-sm">
                <thead className="border-b bg-subtle text-xs text-muted-foreground uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-semibold">File</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Status</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Rows</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Created</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Updated</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Failed</th>
                    <th scope="col" className="px-4 py-2 font-semibold">Uploaded</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {imports.map((row) => (
                    <tr key={row.id}>
                      <td className="px-4 py-2 font-medium">
                        <Link href={`/${workspace.id}/contacts/import/${row.id}`} className="text-primary underline-offset-4 hover:underline">
                          {row.fileName}
                        </Link>
                      </td>
                      <td className="px-4 py-2"><Badge>{STATUS_LABELS[row.status]}</Badge></td>
                      <td className="px-4 py-2 tabular-nums">{row.totalRows.toLocaleString("en-US")}</td>
                      <td className="px-4 py-2 tabular-nums">{row.created.toLocaleString("en-US")}</td>
                      <td className="px-4 py-2 tabular-nums">{row.updated.toLocaleString("en-US")}</td>
                      <td className="px-4 py-2 tabular-nums">{row.failed.toLocaleString("en-US")}</td>
                      <td className="px-4 py-2"><LocalTime value={row.createdAt} /></td>
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
