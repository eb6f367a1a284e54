"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { confirmEmailChangeAction } from "@/lib/actions/account";

/** A button, not an automatic change on opening the link: mail scanners open links too. */
export function ConfirmEmailForm({ token, email }: { token: string; email: string }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: string } | null>(null);

  if (outcome?.ok) {
    return (
      <div className="grid gap-4">
        <InlineStatus tone="success">
          Your account now uses <strong className="font-semibold break-all">{email}</strong>. Sign in with it from now on.
        </InlineStatus>
        <Link href="/" className={buttonVariants({ className: "w-full" })}>
          Continue to Parley
        </Link>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      {outcome ? <InlineStatus tone="error">{outcome.error}</InlineStatus> : null}
      <Button
        className="w-full"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await confirmEmailChangeAction({ token });
            setOutcome(result.ok ? { ok: true } : { ok: false, error: result.error });
          })
        }
      >
        {pending ? "Confirming…" : "Use this address"}
      </Button>
    </div>
  );
}
