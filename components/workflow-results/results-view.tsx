import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { type ResultsPageData, type ResultsParams } from "@/lib/results/results-page-data";
import { FunnelTable } from "./funnel-table";
import { RecipientsTable } from "./recipients-table";
import { ResultsChart } from "./results-chart";
import { WorkflowTabs } from "./workflow-tabs";

/** A workflow's Results tab: the funnel per step and per Split path, sends, replies and goals over time, and who was reached. */
export function ResultsView({ workspaceId, data, params }: { workspaceId: string; data: ResultsPageData; params: ResultsParams }) {
  const base = `/${workspaceId}/workflows/${data.workflow.id}/results`;
  const query = (changes: Record<string, string | null | undefined>) => {
    const search = new URLSearchParams();
    const merged = { node: params.node, status: params.status, chart: params.chart === "day" ? undefined : params.chart, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `?${text}` : "";
  };
  const node = params.node && data.startNodes.some((n) => n.id === params.node) ? params.node : null;
  const totals = data.funnel.reduce((sum, row) => ({ failed: sum.failed + row.failed, skipped: sum.skipped + row.skipped }), { failed: 0, skipped: 0 });
  const labelOf = new Map(data.startNodes.map((n) => [n.id, n.label]));
  const csvQuery = new URLSearchParams();
  if (node) csvQuery.set("node", node);
  if (params.status) csvQuery.set("status", params.status);
  const csv = `/api/workspaces/${workspaceId}/workflows/${data.workflow.id}/results/recipients.csv${csvQuery.size ? `?${csvQuery}` : ""}`;

  return (
    <div className="min-h-full bg-background">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b px-3 py-2">
        <Link href={`/${workspaceId}/workflows`} aria-label="Back to workflows" className="rounded-md p-1.5 hover:bg-muted">
          <ArrowLeft className="size-4" aria-hidden />
        </Link>
        <h1 className="min-w-0 truncate text-base font-semibold">{data.workflow.name}</h1>
        <WorkflowTabs workspaceId={workspaceId} workflowId={data.workflow.id} current="results" />
      </header>
      <div className="mx-auto grid max-w-6xl gap-5 px-4 py-5 sm:px-6">
        <section aria-labelledby="results-funnel" className="grid gap-3">
          <div>
            <h2 id="results-funnel" className="text-lg font-semibold">Funnel</h2>
            <p className="text-sm text-muted-foreground">
              Per Start a Conversation step, from every contact who reached it to those who replied{data.hasGoal ? " and those whose run met the workflow's goal" : ""}.
              {totals.failed + totals.skipped > 0 ? ` ${totals.failed.toLocaleString("en-US")} failed and ${totals.skipped.toLocaleString("en-US")} skipped in all.` : ""}
            </p>
          </div>
          {data.funnel.length === 0 ? (
            <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">This workflow has no Start a Conversation step published yet.</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {data.funnel.map((row) => {
                const label = labelOf.get(row.key) ?? "A removed step";
                return (
                  <Card key={row.key} aria-label={label}>
                    <CardHeader>
                      <CardTitle>{label}</CardTitle>
                      <CardDescription>
                        {row.failed.toLocaleString("en-US")} failed · {row.skipped.toLocaleString("en-US")} skipped
                      </CardDescription>
                    </CardHeader>
                    <CardContent className="pt-3">
                      <FunnelTable row={row} label={label} />
                    </CardContent>
                  </Card>
                );
              })}
            </div>
          )}
        </section>

        {data.splits.map((split) => {
          const headingId = `results-split-${split.id}`;
          return (
            <section key={split.id} aria-labelledby={headingId} className="grid gap-3">
              <div>
                <h2 id={headingId} className="text-lg font-semibold">
                  {split.label}: per path
                </h2>
                <p className="text-sm text-muted-foreground">
                  {split.startNodeIds.length === 0
                    ? "No Start a Conversation step follows this Split yet."
                    : `The contacts each path sent to ${split.startNodeIds.map((id) => labelOf.get(id) ?? "a removed step").join(" and ")}, to compare the variants.`}
                </p>
              </div>
              <div className="grid gap-4 lg:grid-cols-2">
                {split.paths.map((path) => {
                  const row = split.funnel.find((r) => r.key === path.id);
                  if (!row) return null;
                  const label = `${split.label}, ${path.label}`;
                  return (
                    <Card key={path.id} aria-label={label}>
                      <CardHeader>
                        <CardTitle>{path.label}</CardTitle>
                        <CardDescription>
                          {row.failed.toLocaleString("en-US")} failed · {row.skipped.toLocaleString("en-US")} skipped
                        </CardDescription>
                      </CardHeader>
                      <CardContent className="pt-3">
                        <FunnelTable row={row} label={label} />
                      </CardContent>
                    </Card>
                  );
                })}
              </div>
            </section>
          );
        })}

        <Card aria-labelledby="results-chart">
          <CardHeader className="flex flex-wrap items-center justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle id="results-chart">Over time</CardTitle>
              <CardDescription>
                {data.hasGoal ? "Sends, replies and goals met" : "Sends and replies"} {data.chart.unit === "day" ? "per day, last 30 days (UTC)." : "per hour, last 48 hours (UTC)."}
              </CardDescription>
            </div>
            <nav aria-label="Chart period" className="flex gap-1">
              {(["day", "hour"] as const).map((unit) => (
                <Link
                  key={unit}
                  href={`${base}${query({ chart: unit === "day" ? null : unit })}`}
                  aria-current={data.chart.unit === unit ? "page" : undefined}
                  className={cn("rounded-md px-2.5 py-1 text-sm text-muted-foreground hover:bg-muted", data.chart.unit === unit && "bg-muted font-medium text-foreground")}
                >
                  {unit === "day" ? "Per day" : "Per hour"}
                </Link>
              ))}
            </nav>
          </CardHeader>
          <CardContent>
            <ResultsChart points={data.chart.points} unit={data.chart.unit} goals={data.hasGoal} />
            <p className="sr-only">
              {data.chart.points.reduce((sum, p) => sum + p.sends, 0)} sends, {data.chart.points.reduce((sum, p) => sum + p.replies, 0)} replies
              {data.hasGoal ? ` and ${data.chart.points.reduce((sum, p) => sum + p.goals, 0)} goals met` : ""} in this period.
            </p>
          </CardContent>
        </Card>

        <section aria-labelledby="results-recipients" className="grid gap-3">
          <h2 id="results-recipients" className="text-lg font-semibold">Recipients</h2>
          <RecipientsTable
            workspaceId={workspaceId}
            workflowId={data.workflow.id}
            startNodes={data.startNodes}
            rows={data.recipients.rows}
            filter={{ node, status: params.status ?? null }}
            nextHref={data.recipients.next ? `${base}${query({ after: data.recipients.next })}` : null}
            firstHref={params.after ? `${base}${query({})}` : null}
            csvHref={csv}
            chart={params.chart}
          />
        </section>
      </div>
    </div>
  );
}

