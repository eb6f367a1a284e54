"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { AlertTriangle } from "lucide-react";
import { memo } from "react";
import { nodeOutputs } from "@/lib/workflow/node-definition";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { cn } from "@/lib/utils/cn";
import type { NodeCounts } from "@/lib/workflow/workflow-summaries";
import { useEditorContext } from "./editor-context";
import { useEditorState } from "./editor-store-context";
import type { FlowNode } from "./flow-types";
import { NodeIcon } from "./node-icon";
import { summarizeNode } from "./node-summary";
import { useOpenRunHistory } from "./run-history";

const COUNT_LABELS: ReadonlyArray<[keyof NodeCounts, string]> = [
  ["entered", "Entered"],
  ["sent", "Sent"],
  ["started", "Started"],
  ["notStarted", "Not started"],
  ["waiting", "Waiting"],
  ["errors", "Errors"],
];

function NodeCountsRow({ id }: { id: string }) {
  const counts = useEditorState((state) => state.counts?.get(id));
  const openHistory = useOpenRunHistory();
  if (!counts) return null;
  return (
    <dl className="mt-2 flex flex-wrap gap-x-3 gap-y-1 border-t pt-2 text-xs text-muted-foreground">
      {COUNT_LABELS.filter(([key]) => counts[key] !== undefined && (key === "entered" || key === "sent" || key === "started" || key === "notStarted" || counts[key] !== 0)).map(([key, label]) => (
        <div key={key} className="flex gap-1">
          <dt>{label}</dt>
          <dd className="font-semibold text-foreground tabular-nums">
            {key === "errors" && openHistory ? (
              // The failed runs behind this number, so an error can be traced to its contact.
              <button
                type="button"
                className="nodrag nopan rounded-sm text-destructive-soft-foreground underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`${counts.errors.toLocaleString("en")} errors: show the failed runs at this step`}
                onClick={(event) => {
                  event.stopPropagation();
                  openHistory({ status: "failed", nodeId: id });
                }}
              >
                {counts.errors.toLocaleString("en")}
              </button>
            ) : (
              counts[key]?.toLocaleString("en")
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function IssueBadge({ id }: { id: string }) {
  const issues = useEditorState((state) => state.issues.get(id));
  if (!issues?.length) return null;
  const text = issues.map((issue) => issue.message).join("\n");
  return (
    <span
      className="ml-auto inline-flex shrink-0 items-center gap-1 rounded-full bg-destructive-soft px-1.5 py-0.5 text-xs font-medium text-destructive-soft-foreground"
      title={text}
      data-testid="node-issues"
    >
      <AlertTriangle className="size-3" aria-hidden />
      {issues.length}
      <span className="sr-only">{issues.length === 1 ? "problem" : "problems"}: {text}</span>
    </span>
  );
}

/**
 * One shell for every node type, filled in from the type's definition. Memoized: React Flow
 * passes a new `data` only when this node's config changes, and validation and counts come
 * through selectors on this node's id, so editing one node leaves the other 499 alone.
 */
function WorkflowNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const definition = nodeDefinitions[type];
  const { names } = useEditorContext();
  const summary = summarizeNode(type, data.config, names);
  // A Split has as many outputs as its config has shares, each labelled with its percentage.
  const outputs = nodeOutputs(definition, data.config);
  const multiOutput = outputs.length > 1;

  return (
    <div
      className={cn(
        "w-68 rounded-lg border bg-card px-3 py-2.5 text-left shadow-sm transition-shadow",
        selected ? "border-primary ring-2 ring-primary/30" : "border-border",
        multiOutput && "pb-7",
      )}
      data-node-type={type}
    >
      {definition.inputs.map((port) => (
        <Handle key={port.id} id={port.id} type="target" position={Position.Top} className="size-3! border-2! border-card! bg-slate-500!" />
      ))}
      <div className="flex items-center gap-2">
        <span
          className={cn(
            "flex size-7 shrink-0 items-center justify-center rounded-md",
            definition.category === "trigger" ? "bg-amber-100 text-amber-900" : "bg-accent text-accent-foreground",
          )}
        >
          <NodeIcon icon={definition.icon} className="size-4" />
        </span>
        <div className="min-w-0">
          <p className="text-[0.6875rem] font-medium tracking-wide text-muted-foreground uppercase">
            {definition.category === "trigger" ? "Trigger" : "Action"}
          </p>
          <p className="truncate text-sm font-semibold text-foreground">{definition.label}</p>
        </div>
        <IssueBadge id={id} />
      </div>
      <p className="mt-1.5 truncate text-xs text-muted-foreground" title={summary}>
        {summary}
      </p>
      <NodeCountsRow id={id} />
      {outputs.map((port, index) => {
        const left = `${((index + 1) * 100) / (outputs.length + 1)}%`;
        return (
          <div key={port.id}>
            <Handle id={port.id} type="source" position={Position.Bottom} style={{ left }} className="size-3! border-2! border-card! bg-primary!" />
            {multiOutput ? (
              <span
                className="pointer-events-none absolute bottom-1.5 -translate-x-1/2 text-[0.6875rem] font-medium whitespace-nowrap text-muted-foreground"
                style={{ left }}
              >
                {port.label}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

export const WorkflowNode = memo(WorkflowNodeView);
