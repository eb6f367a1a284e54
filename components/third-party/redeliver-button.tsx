"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { redeliverWebhookAction } from "@/lib/actions/integrations";

export function RedeliverButton({ workspaceId, deliveryId, label }: { workspaceId: string; deliveryId: number; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        aria-label={`Redeliver ${label}`}
        onClick={() =>
          startTransition(async () => {
            const result = await redeliverWebhookAction({ workspaceId, deliveryId });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.error);
          })
        }
      >
        {pending ? "Queuing…" : "Redeliver"}
      </Button>
      {error ? <span role="alert" className="text-xs text-destructive-soft-foreground">{error}</span> : null}
    </div>
  );
}
