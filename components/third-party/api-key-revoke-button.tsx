"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";

export function ApiKeyRevokeButton({ workspaceId, apiKeyId, name }: { workspaceId: string; apiKeyId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function revoke() {
    startTransition(async () => {
      const result = await revokeApiKeyAction({ workspaceId, apiKeyId });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <>
      <ConfirmButton
        triggerProps={{ disabled: pending, "aria-label": `Revoke ${name}` }}
        title={`Revoke “${name}”?`}
        description="Requests with this key are refused from now on. This cannot be undone."
        confirmLabel="Revoke key"
        destructive
        onConfirm={revoke}
      >
        Revoke
      </ConfirmButton>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </>
  );
}
