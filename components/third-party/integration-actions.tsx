"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
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
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" size="sm" disabled={pending}>Rotate signing secret</Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Rotate the signing secret?</AlertDialogTitle>
              <AlertDialogDescription>Deliveries are signed with the new secret from now on; update your receiver right away.</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction onClick={rotate}>Rotate</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" size="sm" disabled={pending}>Remove integration</Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Remove this integration?</AlertDialogTitle>
              <AlertDialogDescription>Pending deliveries and the delivery log are deleted with it.</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction destructive onClick={remove}>Remove</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      {secret ? <SecretReveal label="New signing secret" secret={secret} /> : null}
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
