"use client";

import { ListChecks } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { InlineStatus } from "@/components/ui/inline-status";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { RUN_STATUS_FILTERS, type RunLog, type RunStatus, type RunSummary } from "@/lib/workflow/workflow-summaries";
import { useEditorContext } from "./editor-context";
import { editorReads, type RunFilters } from "./editor-reads";
import { useEditorState } from "./editor-store-context";
import { LocalTime } from "@/components/time/local-time";
import { StepLog } from "./step-log";

const ALL = "all";

const STATUS_LABEL: Record<RunStatus, string> = {
  failed: "Failed",
  waiting: "Waiting",
  running: "Running",
  completed: "Completed",
  cancelled: "Cancelled",
};

const STATUS_VARIANT: Record<RunStatus, "success" | "warning" | "destructive" | "neutral"> = {
  failed: "destructive",
  waiting: "warning",
  running: "neutral",
  completed: "success",
  cancelled: "neutral",
};

/** The canvas's steps as filter options, each named by its type (numbered when a type repeats). */
function useStepOptions(selected: string | undefined): { id: string; label: string }[] {
  const nodes = useEditorState((state) => state.nodes);
  return useMemo(() => {
    const seen = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const node of nodes) totals.set(node.type, (totals.get(node.type) ?? 0) + 1);
    const options = nodes.map((node) => {
      const label = nodeDefinitions[node.type].label;
      const n = (seen.get(node.type) ?? 0) + 1;
      seen.set(node.type, n);
      return { id: node.id, label: (totals.get(node.type) ?? 0) > 1 ? `${label} ${n}` : label };
    });
    // A step that is gone from the draft can still be where older runs are.
    if (selected && !options.some((option) => option.id === selected)) options.push({ id: selected, label: `Removed step (${selected})` });
    return options;
  }, [nodes, selected]);
}

/**
 * A workflow's runs, newest first, a page at a time, filtered by status and by the step a run
 * failed at or is at. Choosing a run shows its step log (or hands it to `onOpenRun`, which the
 * Run on contact dialog uses to follow a run still under way).
 */
export function RunHistory({
  label,
  initialFilters,
  refreshKey,
  onOpenRun,
}: {
  label: string;
  initialFilters?: RunFilters;
  /** Changing it reloads the first page (a run was just started). */
  refreshKey?: number;
  onOpenRun?: (runId: string) => void;
}) {
  const { workspaceId, workflowId } = useEditorContext();
  const baseId = useId();
  const [filters, setFilters] = useState<RunFilters>(initialFilters ?? {});
  const [items, setItems] = useState<RunSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<RunLog | null>(null);
  const steps = useStepOptions(filters.nodeId);
  const stepLabel = useMemo(() => new Map(steps.map((step) => [step.id, step.label])), [steps]);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    editorReads.runs({ workspaceId, workflowId }, filters, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.ok) {
          setItems(result.data.items);
          setNextCursor(result.data.nextCursor);
        } else setError(result.error);
      },
      () => {},
    );
    return () => abort.abort();
  }, [workspaceId, workflowId, filters, refreshKey]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    const result = await editorReads.runs({ workspaceId, workflowId }, { ...filters, cursor: nextCursor });
    setLoadingMore(false);
    if (!result.ok) return setError(result.error);
    setItems((current) => [...(current ?? []), ...result.data.items]);
    setNextCursor(result.data.nextCursor);
  };

  const show = async (runId: string) => {
    if (onOpenRun) return onOpenRun(runId);
    const result = await editorReads.runLog({ workspaceId, runId });
    if (result.ok) setOpen(result.data);
    else setError(result.error);
  };

  const filtered = filters.status !== undefined || filters.nodeId !== undefined;

  return (
    <section aria-labelledby={`${baseId}-title`} className="grid min-w-0 gap-3">
      <h3 id={`${baseId}-title`} className="text-sm font-medium">
        {label}
      </h3>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <div className="grid min-w-0 gap-1">
          <Label htmlFor={`${baseId}-status`}>Status</Label>
          <Select
            value={filters.status ?? ALL}
            onValueChange={(value) => setFilters((current) => ({ ...current, status: value === ALL ? undefined : (value as RunStatus) }))}
          >
            <SelectTrigger id={`${baseId}-status`}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any status</SelectItem>
              {RUN_STATUS_FILTERS.map((status) => (
                <SelectItem key={status} value={status}>
                  {STATUS_LABEL[status]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid min-w-0 gap-1">
          <Label htmlFor={`${baseId}-step`}>Step</Label>
          <Select value={filters.nodeId ?? ALL} onValueChange={(value) => setFilters((current) => ({ ...current, nodeId: value === ALL ? undefined : value }))}>
            <SelectTrigger id={`${baseId}-step`}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any step</SelectItem>
              {steps.map((step) => (
                <SelectItem key={step.id} value={step.id}>
                  {step.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      {open ? (
        <div className="grid gap-2 rounded-md border p-3">
          <StepLog log={open} />
          <Button variant="ghost" size="sm" className="justify-self-start" onClick={() => setOpen(null)}>
            Back to the list
          </Button>
        </div>
      ) : null}
      {items === null && !error ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
      {items?.length === 0 ? (
        <p className="text-sm text-muted-foreground">{filtered ? "No runs match these filters." : "No runs yet."}</p>
      ) : null}
      {items?.length ? (
        <ul className="grid gap-1" aria-labelledby={`${baseId}-title`}>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="grid w-full grid-cols-[minmax(0,1fr)_auto] items-center gap-x-2 gap-y-0.5 rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                onClick={() => void show(item.id)}
              >
                <span className="truncate font-medium">{item.contactName}</span>
                <span className="flex items-center gap-1.5 justify-self-end">
                  {item.isTest ? <Badge variant="outline">test</Badge> : null}
                  <Badge variant={STATUS_VARIANT[item.status]}>{item.status}</Badge>
                </span>
                <span className="truncate text-xs text-muted-foreground">
                  {item.currentNodeId && item.status !== "completed" ? `at ${stepLabel.get(item.currentNodeId) ?? item.currentNodeId}` : ""}
                  {item.error ? ` · ${item.error}` : ""}
                </span>
                <span className="justify-self-end text-xs text-muted-foreground tabular-nums"><LocalTime value={item.createdAt} /></span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <Button variant="outline" size="sm" className="justify-self-start" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Load more runs"}
        </Button>
      ) : null}
    </section>
  );
}

type RunHistoryOpener = (filters?: RunFilters) => void;

const RunHistoryContext = createContext<RunHistoryOpener | null>(null);

/** Opens the run history, optionally filtered (a step's error count opens its failed runs). */
export function useOpenRunHistory(): RunHistoryOpener | null {
  return useContext(RunHistoryContext);
}

/** The Run history dialog, opened from the header or from a step on the canvas. */
export function RunHistoryProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ open: boolean; filters: RunFilters; key: number }>({ open: false, filters: {}, key: 0 });
  const openHistory = useCallback<RunHistoryOpener>((filters = {}) => setState((current) => ({ open: true, filters, key: current.key + 1 })), []);
  return (
    <RunHistoryContext.Provider value={openHistory}>
      {children}
      <Dialog open={state.open} onOpenChange={(open) => setState((current) => ({ ...current, open }))}>
        <DialogContent className="max-w-xl">
          <DialogHeader>
            <DialogTitle>Run history</DialogTitle>
            <DialogDescription>Every run of this workflow, newest first. Filter by status, or by the step a run failed at or is waiting at.</DialogDescription>
          </DialogHeader>
          {/* Keyed: each opening starts from the filters it was opened with. */}
          <RunHistory key={state.key} label="Runs" initialFilters={state.filters} />
        </DialogContent>
      </Dialog>
    </RunHistoryContext.Provider>
  );
}

export function RunHistoryButton() {
  const openHistory = useOpenRunHistory();
  if (!openHistory) return null;
  return (
    <Button variant="ghost" size="sm" onClick={() => openHistory()}>
      <ListChecks aria-hidden /> Runs
    </Button>
  );
}
