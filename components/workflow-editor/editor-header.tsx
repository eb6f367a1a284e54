"use client";

import { ArrowLeft, LayoutGrid, Maximize, Pause, Play, Redo2, Rocket, Undo2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { LocalTime } from "@/components/time/local-time";
import { Tooltip } from "@/components/ui/tooltip";
import type { AutosaveStatus } from "./autosave-controller";
import type { WorkflowStatus } from "@/lib/workflow/workflow-summaries";
import { useEditorContext } from "./editor-context";
import { useEditorState, useEditorStoreApi } from "./editor-store-context";
import { useFitView } from "./fit-view";
import { SaveStatus } from "./save-status";
import { WorkflowStatusBadge } from "./status-badge";
import { WorkflowTabs } from "@/components/workflow-results/workflow-tabs";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

function IconAction({ label, shortcut, onClick, disabled, children }: { label: string; shortcut?: string; onClick: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <Tooltip
      content={
        <span className="flex items-center gap-2">
          {label}
          {shortcut ? <Kbd className="bg-slate-700 text-white">{shortcut}</Kbd> : null}
        </span>
      }
    >
      <Button variant="ghost" size="icon-sm" aria-label={label} onClick={onClick} disabled={disabled} aria-keyshortcuts={shortcut?.replace("⌘", "Meta+").replace("Ctrl", "Control")}>
        {children}
      </Button>
    </Tooltip>
  );
}

export function EditorHeader(props: {
  name: string;
  status: WorkflowStatus;
  lastPublishedAt: string | null;
  hasLiveVersion: boolean;
  saveStatus: AutosaveStatus;
  readOnly: boolean;
  publishing: boolean;
  pausing: boolean;
  onPublish: () => void;
  onTogglePause: () => void;
  children: ReactNode;
}) {
  const { workspaceId, workflowId } = useEditorContext();
  const store = useEditorStoreApi();
  const fitView = useFitView();
  const canUndo = useEditorState((state) => state.history.past.length > 0);
  const canRedo = useEditorState((state) => state.history.future.length > 0);
  const mod = isMac() ? "⌘" : "Ctrl+";

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-3 py-2">
      <Button asChild variant="ghost" size="icon-sm">
        <Link href={`/${workspaceId}/workflows`} aria-label="Back to workflows">
          <ArrowLeft aria-hidden />
        </Link>
      </Button>
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <h1 className="truncate text-base font-semibold">{props.name}</h1>
          <WorkflowStatusBadge status={props.status} />
        </div>
        <p className="text-xs text-muted-foreground">
          {props.lastPublishedAt ? (
            <>
              Last published <LocalTime value={props.lastPublishedAt} />
            </>
          ) : (
            "Never published"
          )}
        </p>
      </div>
      <WorkflowTabs workspaceId={workspaceId} workflowId={workflowId} current="builder" />
      {!props.readOnly ? <SaveStatus status={props.saveStatus} /> : <p className="text-xs text-muted-foreground">View only</p>}
      <div className="ml-auto flex flex-wrap items-center gap-1">
        {!props.readOnly ? (
          <>
            <IconAction label="Undo" shortcut={`${mod}Z`} onClick={() => store.undo()} disabled={!canUndo}>
              <Undo2 aria-hidden />
            </IconAction>
            <IconAction label="Redo" shortcut={`${mod}Shift+Z`} onClick={() => store.redo()} disabled={!canRedo}>
              <Redo2 aria-hidden />
            </IconAction>
            <IconAction
              label="Tidy up"
              onClick={() => {
                store.tidy();
                window.requestAnimationFrame(() => fitView());
              }}
            >
              <LayoutGrid aria-hidden />
            </IconAction>
          </>
        ) : null}
        <IconAction label="Fit view" onClick={() => fitView()}>
          <Maximize aria-hidden />
        </IconAction>
        {props.children}
        {!props.readOnly && props.hasLiveVersion ? (
          <Button variant="outline" size="sm" onClick={props.onTogglePause} disabled={props.pausing}>
            {props.status === "paused" ? (
              <>
                <Play aria-hidden /> Resume
              </>
            ) : (
              <>
                <Pause aria-hidden /> Pause
              </>
            )}
          </Button>
        ) : null}
        {!props.readOnly ? (
          <Button size="sm" onClick={props.onPublish} disabled={props.publishing}>
            <Rocket aria-hidden /> {props.publishing ? "Publishing…" : "Publish"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
