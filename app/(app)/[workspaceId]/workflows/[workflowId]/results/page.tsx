import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ResultsView } from "@/components/workflow-results/results-view";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { loadResultsPage, resultsParamsSchema } from "@/lib/results/results-page-data";

export const metadata: Metadata = { title: "Results · Workflows" };

type PageProps = {
  params: Promise<{ workspaceId: string; workflowId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Any member may read a workflow's results, as any member may read its conversations. */
export default async function WorkflowResultsPage({ params, searchParams }: PageProps) {
  const { workspaceId, workflowId } = await params;
  const query = await searchParams;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/workflows/${workflowId}/results`);
  const parsed = resultsParamsSchema.parse({ node: first(query.node), status: first(query.status), chart: first(query.chart), after: first(query.after) });
  const data = await loadResultsPage(getDb(), workspace.id, workflowId, parsed);
  if (!data) notFound();
  return <ResultsView workspaceId={workspace.id} data={data} params={parsed} />;
}
