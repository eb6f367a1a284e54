"use client";

import { History, RotateCcw } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { InlineStatus } from "@/components/ui/inline-status";
import type { VersionSummary } from "@/lib/workflow/workflow-summaries";
import { useEditorContext } from "./editor-context";
import { editorReads } from "./editor-reads";
import { LocalTime } from "@/components/time/local-time";

/**
 * Published versions, newest first. Restoring copies a version into the draft (the live version
 * is untouched until the next Publish), and can be undone like any edit.
 */
export function VersionsDialog({ onRestore, disabled }: { onRestore: (versionId: string) => Promise<string | null>; disabled?: boolean }) {
  const { workspaceId, workflowId } = useEditorContext();
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await editorReads.versions({ workspaceId, workflowId });
    if (result.ok) setVersions(result.data);
    else setError(result.error);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" disabled={disabled}>
          <History aria-hidden /> Versions
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Versions</DialogTitle>
          <DialogDescription>Every Publish freezes a version. Restoring one replaces the draft; publish it to make it live.</DialogDescription>
        </DialogHeader>
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
        {versions === null && !error ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
        {versions?.length === 0 ? <p className="text-sm text-muted-foreground">Nothing published yet.</p> : null}
        {versions?.length ? (
          <ul className="grid gap-2">
            {versions.map((version) => (
              <li key={version.id} className="flex items-center gap-3 rounded-md border p-3">
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-2 text-sm font-medium">
                    Version {version.version}
                    {version.live ? <Badge variant="success">Live</Badge> : null}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    <LocalTime value={version.publishedAt} />
                    {version.publishedByName ? ` by ${version.publishedByName}` : ""}
                  </p>
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={busy !== null}
                  aria-label={`Restore version ${version.version} into the draft`}
                  onClick={async () => {
                    setBusy(version.id);
                    const problem = await onRestore(version.id);
                    setBusy(null);
                    if (problem) setError(problem);
                    else setOpen(false);
                  }}
                >
                  <RotateCcw aria-hidden /> {busy === version.id ? "Restoring…" : "Restore"}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
