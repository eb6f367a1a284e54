"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { deleteIntegrationAction, rotateSigningSecretAction } from "@/lib/actions/integrations";
import { SecretReveal } from "./secret-reveal";

/** Rotate the signing secret (shown once) and remove the integration. */
export function IntegrationActions({ workspaceId, integrationId }: { workspaceId: string; integrationId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function rotate() {
    startTransition(async () => {
      const result = await rotateSigningSecretAction({ workspaceId, integrationId });
      if (result.ok) setSecret(result.data.signingSecret);
      else setError(result.error);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteIntegrationAction({ workspaceId, integrationId });
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        <ConfirmButton
          triggerProps={{ disabled: pending }}
          title="Rotate the signing secret?"
          description="Deliveries are signed with the new secret from now on; update your receiver right away."
          confirmLabel="Rotate"
          onConfirm={rotate}
        >
          Rotate signing secret
        </ConfirmButton>
        <ConfirmButton
          triggerProps={{ disabled: pending }}
          title="Remove this integration?"
          description="Pending deliveries and the delivery log are deleted with it."
          confirmLabel="Remove"
          destructive
          onConfirm={remove}
        >
          Remove integration
        </ConfirmButton>
      </div>
      {secret ? <SecretReveal label="New signing secret" secret={secret} /> : null}
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
