"use client";

import { AlertCircle, Check, Loader2 } from "lucide-react";
import type { AutosaveStatus } from "./autosave-controller";

/** Always-visible save state; announced politely so screen reader users hear "Saved". */
export function SaveStatus({ status }: { status: AutosaveStatus }) {
  return (
    <p role="status" aria-live="polite" className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="save-status">
      {status.state === "saved" ? (
        <>
          <Check className="size-3.5" aria-hidden /> Saved
        </>
      ) : status.state === "pending" || status.state === "saving" ? (
        <>
          <Loader2 className="size-3.5 animate-spin motion-reduce:animate-none" aria-hidden /> Saving…
        </>
      ) : status.state === "conflict" ? (
        <span className="flex items-center gap-1.5 text-destructive-soft-foreground">
          <AlertCircle className="size-3.5" aria-hidden /> Not saved
        </span>
      ) : (
        <span className="flex max-w-md items-center gap-1.5 text-destructive-soft-foreground">
          <AlertCircle className="size-3.5 shrink-0" aria-hidden /> <span className="truncate" title={status.message}>Not saved: {status.message}</span>
        </span>
      )}
    </p>
  );
}
