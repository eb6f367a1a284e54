"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { cancelContactImportAction } from "@/lib/actions/contact-imports";
import type { ContactImportProgress } from "@/lib/db/queries/contact-imports";

const POLL_MS = 1_000;

const STATUS_WORDS: Record<ContactImportProgress["status"], string> = {
  uploaded: "Waiting to start",
  running: "Importing…",
  completed: "Import complete",
  cancelled: "Import cancelled",
};

/**
 * The live progress bar. Progress lives in the import's row (moved with each batch's commit), so
 * this polls it: a reload, a second tab or another admin reads the same numbers, and nothing is
 * kept in the browser. When the import ends the page is re-rendered for its failed rows.
 */
export function ImportProgress({ workspaceId, initial }: { workspaceId: string; initial: ContactImportProgress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const refreshed = useRef(initial.status !== "running");

  useEffect(() => {
    if (progress.status !== "running") {
      if (!refreshed.current) {
        refreshed.current = true;
        router.refresh();
      }
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/workspaces/${workspaceId}/contact-imports/${progress.id}`, { cache: "no-store" });
        if (response.ok) setProgress((await response.json()) as ContactImportProgress);
        else setProgress((current) => ({ ...current }));
      } catch {
        // Offline for a moment: the next tick asks again.
        setProgress((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [progress, workspaceId, router]);

  const onCancel = () =>
    startTransition(async () => {
      const result = await cancelContactImportAction({ workspaceId, importId: progress.id });
      if (result.ok) setProgress((current) => ({ ...current, status: "cancelled" }));
      else setError(result.error);
    });

  const percent = progress.totalRows === 0 ? 100 : Math.floor((progress.rowsDone / progress.totalRows) * 100);
  const counts = [
    ["Rows done", progress.rowsDone],
    ["Created", progress.created],
    ["Updated", progress.updated],
    ["Skipped", progress.skipped],
    ["Failed", progress.failed],
  ] as const;

  return (
    <section aria-labelledby="progress-title" className="grid max-w-3xl gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="progress-title" className="text-base font-semibold">
          {STATUS_WORDS[progress.status]}
        </h2>
        <span className="text-sm text-muted-foreground tabular-nums">
          {progress.rowsDone.toLocaleString("en-US")} of {progress.totalRows.toLocaleString("en-US")} rows
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="progress-title"
        aria-valuemin={0}
        aria-valuemax={progress.totalRows}
        aria-valuenow={progress.rowsDone}
        aria-valuetext={`${percent}%`}
        className="h-3 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="import-counts">
        {counts.map(([label, value]) => (
          <div key={label} className="rounded-md border px-3 py-2">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-count={label.toLowerCase().replace(" ", "-")}>
              {value.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
      </dl>
      <p className="sr-only" role="status">
        {progress.status === "running" ? "" : STATUS_WORDS[progress.status]}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {progress.status === "running" ? (
          <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
            {pending ? "Cancelling…" : "Cancel import"}
          </Button>
        ) : null}
        {progress.status !== "running" && progress.failed > 0 ? (
          <Button asChild variant="secondary">
            <a href={`/api/workspaces/${workspaceId}/contact-imports/${progress.id}/failed-rows`} download>
              Download failed rows ({progress.failed.toLocaleString("en-US")})
            </a>
          </Button>
        ) : null}
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      </div>
    </section>
  );
}
