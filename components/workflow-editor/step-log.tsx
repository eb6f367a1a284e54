"use client";

import { Badge } from "@/components/ui/badge";
import { isNodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import type { RunLog } from "@/lib/workflow/workflow-summaries";
import { LocalTime } from "@/components/time/local-time";

const STATUS_VARIANT: Record<string, "success" | "warning" | "destructive" | "neutral"> = {
  ok: "success",
  completed: "success",
  succeeded: "success",
  done: "success",
  waiting: "warning",
  running: "neutral",
  skipped: "neutral",
  failed: "destructive",
  error: "destructive",
};

function portLabel(nodeType: string, outcome: string | null): string | null {
  if (!outcome || !isNodeType(nodeType)) return outcome;
  const outputs = nodeDefinitions[nodeType].outputs;
  if (outputs.length < 2) return null;
  return outputs.find((port) => port.id === outcome)?.label ?? outcome;
}

/** One run's steps in order: which step, how it went, which way it left, and why it failed. */
export function StepLog({ log }: { log: RunLog }) {
  const { run, steps } = log;
  return (
    <section aria-label="Step log" className="grid gap-2" data-testid="step-log">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{run.contactName}</span>
        <Badge variant={STATUS_VARIANT[run.status] ?? "neutral"}>{run.status}</Badge>
        {run.isTest ? <Badge variant="outline">Test</Badge> : null}
        <span className="text-xs text-muted-foreground"><LocalTime value={run.createdAt} /></span>
      </p>
      {run.error ? <p className="text-sm text-destructive-soft-foreground">{run.error}</p> : null}
      {steps.length === 0 && !run.goalMetAt ? <p className="text-sm text-muted-foreground">No steps yet.</p> : null}
      <ol className="grid gap-1.5">
        {steps.map((step, index) => {
          const label = isNodeType(step.nodeType) ? nodeDefinitions[step.nodeType].label : step.nodeType;
          const outcome = portLabel(step.nodeType, step.outcome);
          return (
            <li key={`${step.nodeId}-${index}`} className="rounded-md border px-3 py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-xs text-muted-foreground tabular-nums">{index + 1}.</span>
                <span className="font-medium">{label}</span>
                <Badge variant={STATUS_VARIANT[step.status] ?? "neutral"}>{step.status}</Badge>
                {outcome ? <span className="text-xs text-muted-foreground">→ {outcome}</span> : null}
              </div>
              {step.error ? <p className={`mt-1 text-xs ${step.status === "skipped" ? "text-muted-foreground" : "text-destructive-soft-foreground"}`}>{step.error}</p> : null}
            </li>
          );
        })}
        {run.goalMetAt ? (
          <li className="rounded-md border px-3 py-2 text-sm" data-testid="goal-met">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Goal met</span>
              <Badge variant="success">{run.endedByGoal ? "run ended" : "counted"}</Badge>
              <span className="text-xs text-muted-foreground"><LocalTime value={run.goalMetAt} /></span>
            </div>
            {run.endedByGoal ? <p className="mt-1 text-xs text-muted-foreground">The workflow&apos;s goal ends runs that meet it, so this run stopped here.</p> : null}
          </li>
        ) : null}
      </ol>
    </section>
  );
}
