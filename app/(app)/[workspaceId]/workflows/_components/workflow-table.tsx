"use client";

import Link from "next/link";
import { useState } from "react";
import { InlineStatus } from "@/components/ui/inline-status";
import { LocalTime } from "@/components/time/local-time";
import { WorkflowStatusBadge } from "@/components/workflow-editor/status-badge";
import { isNodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import type { WorkflowListItem } from "@/lib/workflow/workflow-summaries";
import { WorkflowRowActions } from "./workflow-row-actions";

const number = (value: number) => value.toLocaleString("en");
const triggerLabel = (type: string | null) => (isNodeType(type) ? nodeDefinitions[type].label : null);

export function WorkflowTable({ workspaceId, workflows, canEdit }: { workspaceId: string; workflows: WorkflowListItem[]; canEdit: boolean }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-3 px-6 py-5">
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm">
          <caption className="sr-only">Workflows, most recently changed first</caption>
          <thead className="bg-subtle text-left text-xs font-medium text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Trigger</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Last published</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Entered</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Sent</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Started</th>
              {canEdit ? (
                <th scope="col" className="w-12 px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y">
            {workflows.map((workflow) => (
              <tr key={workflow.id} className="hover:bg-subtle">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  <Link href={`/${workspaceId}/workflows/${workflow.id}`} className="text-foreground hover:text-primary hover:underline">
                    {workflow.name}
                  </Link>
                </th>
                <td className="px-4 py-3">
                  <WorkflowStatusBadge status={workflow.status} />
                </td>
                <td className="px-4 py-3 text-muted-foreground">{triggerLabel(workflow.triggerType) ?? "No trigger yet"}</td>
                <td className="px-4 py-3 text-muted-foreground">{workflow.lastPublishedAt ? <LocalTime value={workflow.lastPublishedAt} /> : "Never"}</td>
                <td className="px-4 py-3 text-right tabular-nums">{number(workflow.counts.entered)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{number(workflow.counts.sent)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{number(workflow.counts.started)}</td>
                {canEdit ? (
                  <td className="px-4 py-3 text-right">
                    <WorkflowRowActions workspaceId={workspaceId} workflow={workflow} onError={setError} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
