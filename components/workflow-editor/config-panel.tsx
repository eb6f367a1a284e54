"use client";

import { Lock, Trash2, X } from "lucide-react";
import Link from "next/link";
import { memo, useMemo } from "react";
import { Button } from "@/components/ui/button";
import type { GraphIssue } from "@/lib/workflow/graph-issue";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorContext } from "./editor-context";
import { useEditorState, useEditorStoreApi } from "./editor-store-context";
import type { EditorState } from "./editor-store";
import { fieldControlId } from "./field-focus";
import { disabledReason, fieldApplies, panelFields, readConfig, type PanelField } from "./field-kinds";
import { FieldControl } from "./fields/field-control";
import { NextSteps } from "./next-steps";
import { NodeIcon } from "./node-icon";
import { ReentrySetting } from "./reentry-setting";

const NO_ISSUES: readonly GraphIssue[] = [];

// Beside the canvas from md up; on a narrow screen it lies over the canvas, as wide as the screen
// allows (Fit view frames the steps in what it leaves uncovered). data-workflow-panel is how Fit
// view finds it.
const PANEL_CLASS =
  "absolute inset-y-0 right-0 z-20 flex w-full max-w-96 min-w-0 shrink-0 flex-col border-l bg-background shadow-lg md:static md:w-96 md:shadow-none";
// One column as wide as the panel, never wider: a grid or its items would otherwise grow to their
// longest unbreakable line (a select showing a long summary) and push the controls past the right
// edge, where the panel cannot scroll. Long text wraps or truncates inside its control instead.
const PANEL_BODY_CLASS = "grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)] content-start gap-5 overflow-y-auto p-4 [&_.grid>*]:min-w-0";

/** "several" when more than one node is selected; the panel edits one node at a time. */
function selectedNodeId(state: EditorState): string | null | "several" {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found !== null) return "several";
    found = node.id;
  }
  return found;
}

function issuesFor(issues: readonly GraphIssue[], field: string): string[] {
  return issues.filter((issue) => issue.field === field || issue.field?.startsWith(`${field}.`)).map((issue) => issue.message);
}

export function ConfigPanel({ readOnly }: { readOnly: boolean }) {
  const selected = useEditorState(selectedNodeId);
  const store = useEditorStoreApi();
  if (selected === null) return null;
  if (selected === "several") {
    const count = store.getState().nodes.filter((node) => node.selected).length;
    return (
      <aside aria-label="Selection" className={`${PANEL_CLASS} overflow-y-auto p-4`} data-workflow-panel="">
        <p className="text-sm font-medium">{count} steps selected</p>
        <p className="mt-1 text-sm text-muted-foreground">Drag to move them together, or copy, paste and delete them as a group.</p>
        {!readOnly ? (
          <Button variant="outline" size="sm" className="mt-3" onClick={() => store.deleteSelection()}>
            <Trash2 aria-hidden /> Delete {count} steps
          </Button>
        ) : null}
      </aside>
    );
  }
  return <NodeConfigForm key={selected} nodeId={selected} readOnly={readOnly} />;
}

const NodeConfigForm = memo(function NodeConfigForm({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const store = useEditorStoreApi();
  const { plan, workspaceId, channels } = useEditorContext();
  const node = useEditorState((state) => state.nodes.find((candidate) => candidate.id === nodeId));
  const issues = useEditorState((state) => state.issues.get(nodeId) ?? NO_ISSUES);
  const type = node?.type;
  const definition = type ? nodeDefinitions[type] : undefined;
  const fields = useMemo(() => (definition ? panelFields(definition) : []), [definition]);
  const rawConfig = node?.data.config;
  const config = useMemo(() => (definition && rawConfig ? readConfig(definition, rawConfig) : {}), [definition, rawConfig]);
  if (!node || !definition) return null;

  const locked = plan !== "enterprise";
  const shown = fields.filter((field) => fieldApplies(field, config, channels));
  const general = shown.filter((field) => !field.meta.enterprise);
  const enterprise = shown.filter((field) => field.meta.enterprise);
  const knownFields = new Set(fields.map((field) => field.name));
  const stepIssues = issues.filter((issue) => !issue.field || !knownFields.has(issue.field.split(".")[0] ?? ""));
  const headingId = `panel-${nodeId}-title`;

  const renderField = (field: PanelField, disabled: boolean, reason = disabledReason(field, config)) => (
    <FieldControl
      key={field.name}
      id={fieldControlId(nodeId, field.name)}
      nodeId={nodeId}
      name={field.name}
      meta={field.meta}
      control={field.control}
      value={config[field.name]}
      config={config}
      onChange={(value) => store.updateConfig(nodeId, field.name, value)}
      disabled={disabled || reason !== null}
      disabledReason={reason}
      errors={issuesFor(issues, field.name)}
    />
  );

  return (
    <aside aria-labelledby={headingId} className={PANEL_CLASS} data-testid="config-panel" data-workflow-panel="">
      <header className="flex items-start gap-3 border-b p-4">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-accent text-accent-foreground">
          <NodeIcon icon={definition.icon} className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-base font-semibold break-words">
            {definition.label}
          </h2>
          <p className="text-xs text-muted-foreground">{definition.description}</p>
        </div>
        {!readOnly ? (
          <Button variant="ghost" size="icon-sm" aria-label={`Delete ${definition.label}`} onClick={() => (store.select([nodeId]), store.deleteSelection())}>
            <Trash2 aria-hidden />
          </Button>
        ) : null}
        <Button variant="ghost" size="icon-sm" aria-label="Close panel" onClick={() => store.select([])}>
          <X aria-hidden />
        </Button>
      </header>
      <div className={PANEL_BODY_CLASS} data-panel-body="">
        {stepIssues.length ? (
          <ul className="grid gap-1 rounded-md border border-red-200 bg-destructive-soft p-3 text-sm text-destructive-soft-foreground">
            {stepIssues.map((issue) => (
              <li key={issue.message}>{issue.message}</li>
            ))}
          </ul>
        ) : null}
        {fields.length === 0 ? <p className="text-sm text-muted-foreground">This step has nothing to set up.</p> : null}
        {general.map((field) => renderField(field, readOnly))}
        {definition.category === "trigger" ? <ReentrySetting disabled={readOnly} /> : null}
        {enterprise.length ? (
          <section aria-labelledby={`${nodeId}-third-party`} className="grid gap-4 rounded-md border p-3">
            <h3 id={`${nodeId}-third-party`} className="flex items-center gap-2 text-sm font-semibold">
              Third-party systems
              {locked ? <Lock className="size-3.5 text-muted-foreground" aria-hidden /> : null}
            </h3>
            {locked ? (
              <p className="text-sm text-muted-foreground" id={`${nodeId}-enterprise-note`}>
                These fields need the Enterprise plan.{" "}
                <Link href={`/${workspaceId}/settings/plan`} className="font-medium text-primary underline underline-offset-2">
                  See Settings › Plan
                </Link>
              </p>
            ) : null}
            {enterprise.map((field) => renderField(field, readOnly || locked))}
          </section>
        ) : null}
        <NextSteps nodeId={nodeId} disabled={readOnly} />
      </div>
    </aside>
  );
});
