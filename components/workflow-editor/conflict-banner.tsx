"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * Shown when this tab's draft is older than the server's. Saving stops (nothing is overwritten);
 * reloading brings in the other edits, after which this tab's last change can be redone by hand.
 */
export function ConflictBanner({ message }: { message: string }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-red-200 bg-destructive-soft px-4 py-2 text-sm text-destructive-soft-foreground">
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">Your latest changes were not saved.</strong> {message} Saving is paused so their edits
        aren&apos;t overwritten. Reload to get the latest draft.
      </p>
      <Button size="sm" variant="outline" onClick={() => window.location.reload()}>
        <RefreshCw aria-hidden /> Reload
      </Button>
    </div>
  );
}
