"use client";

import { useReactFlow } from "@xyflow/react";
import { AlertTriangle, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorState, useEditorStoreApi } from "./editor-store-context";
import { focusFieldWhenShown } from "./field-focus";
import type { FlowNode } from "./flow-types";

/**
 * Why Publish was refused, kept up to date by live validation (the store drops what is fixed and
 * closes this when nothing is left). Each problem is a button that selects its step, brings it into
 * view and puts the focus in the field at fault.
 */
export function PublishIssues() {
  const issues = useEditorState((state) => state.publishIssues);
  const store = useEditorStoreApi();
  const flow = useReactFlow<FlowNode>();
  if (!issues?.length) return null;
  const title = `Not published: fix ${issues.length === 1 ? "this problem" : `these ${issues.length} problems`} first`;

  const focusIssue = (nodeId: string, field: string | undefined) => {
    store.select([nodeId]);
    focusFieldWhenShown(nodeId, field);
    // Two frames on, the panel that opened has narrowed the canvas, so the step is centred in the
    // part that stays visible rather than under the panel's edge.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const node = store.getState().nodes.find((candidate) => candidate.id === nodeId);
        if (!node) return;
        const width = node.measured?.width ?? 272;
        const height = node.measured?.height ?? 96;
        void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
      }),
    );
  };

  return (
    <section
      aria-labelledby="publish-issues-title"
      // Over the canvas from md up; on a phone, along the bottom of the screen and above the step
      // panel, which there covers the canvas.
      className="fixed inset-x-2 bottom-2 z-30 rounded-lg border border-red-200 bg-background shadow-lg md:absolute md:inset-x-auto md:top-3 md:bottom-auto md:left-1/2 md:z-10 md:w-[min(36rem,calc(100%-2rem))] md:-translate-x-1/2"
      data-testid="publish-issues"
    >
      <header className="flex items-center gap-2 border-b border-red-200 bg-destructive-soft px-3 py-2 text-destructive-soft-foreground">
        <AlertTriangle className="size-4" aria-hidden />
        <h2 id="publish-issues-title" className="flex-1 text-sm font-semibold">
          {title}
        </h2>
        <p role="alert" className="sr-only">
          {title}
        </p>
        <Button variant="ghost" size="icon-sm" aria-label="Dismiss" onClick={() => store.setPublishIssues(null)}>
          <X aria-hidden />
        </Button>
      </header>
      <ul className="max-h-64 overflow-y-auto p-1">
        {issues.map((issue, index) => {
          const node = issue.nodeId ? store.getState().nodes.find((candidate) => candidate.id === issue.nodeId) : undefined;
          const where = node ? nodeDefinitions[node.type].label : "Workflow";
          return (
            <li key={`${issue.nodeId}-${index}`}>
              {node ? (
                <button
                  type="button"
                  onClick={() => focusIssue(node.id, issue.field)}
                  className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <span className="font-medium">{where}:</span> {issue.message}
                </button>
              ) : (
                <p className="px-2 py-1.5 text-sm">
                  <span className="font-medium">{where}:</span> {issue.message}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
