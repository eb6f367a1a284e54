"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { rotateInboundSecretAction } from "@/lib/actions/email-channels";
import { SecretReveal } from "./secret-reveal";

/** A new inbound webhook secret for an email channel, shown once; the old one stops working. */
export function RotateInboundSecret({ workspaceId, channelId }: { workspaceId: string; channelId: string }) {
  const [pending, startTransition] = useTransition();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (secret) return <SecretReveal label="New inbound webhook secret" secret={secret} />;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await rotateInboundSecretAction({ workspaceId, channelId });
            if (result.ok) setSecret(result.data.inboundSecret);
            else setError(result.error);
          })
        }
      >
        {pending ? "Creating…" : "Create a new webhook secret"}
      </Button>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
