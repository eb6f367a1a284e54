"use client";

import { Check, Copy, Link2, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { copyInvitationLinkAction, resendInvitationAction, revokeInvitationAction } from "@/lib/actions/invitations";

type Outcome = { kind: "link"; url: string } | { kind: "status"; tone: "success" | "error"; message: string } | null;

/**
 * Copy link, Resend and Revoke for one pending invitation. Parley keeps only a hash of a link, so
 * copying (like resending) issues a fresh link, shown here once; the earlier one stops working.
 */
export function InvitationActions({ workspaceId, invitationId, email }: { workspaceId: string; invitationId: string; email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [copied, setCopied] = useState(false);

  function copyLink() {
    startTransition(async () => {
      const result = await copyInvitationLinkAction({ workspaceId, invitationId });
      if (!result.ok) return setOutcome({ kind: "status", tone: "error", message: result.error });
      const url = `${window.location.origin}${result.data.path}`;
      setOutcome({ kind: "link", url });
      // The clipboard may be refused (no permission, no focus): the link is on the page either way.
      setCopied(await navigator.clipboard?.writeText(url).then(() => true, () => false) ?? false);
      router.refresh();
    });
  }

  function resend() {
    startTransition(async () => {
      const result = await resendInvitationAction({ workspaceId, invitationId });
      setOutcome(
        result.ok
          ? { kind: "status", tone: "success", message: `Sent again to ${result.data.email}, with a new link valid for 7 days. The previous link no longer works.` }
          : { kind: "status", tone: "error", message: result.error },
      );
      if (result.ok) router.refresh();
    });
  }

  function revoke() {
    startTransition(async () => {
      const result = await revokeInvitationAction({ workspaceId, invitationId });
      if (result.ok) router.refresh();
      else setOutcome({ kind: "status", tone: "error", message: result.error });
    });
  }

  async function copyAgain(url: string) {
    setCopied(await navigator.clipboard?.writeText(url).then(() => true, () => false) ?? false);
  }

  // A fragment: the buttons sit in the row's second column, what they produced spans the row below.
  return (
    <>
      <div className="flex flex-wrap gap-2 sm:justify-end">
        <Button variant="outline" size="sm" onClick={copyLink} disabled={pending} aria-label={`Copy link for ${email}`}>
          <Link2 aria-hidden />
          Copy link
        </Button>
        <Button variant="outline" size="sm" onClick={resend} disabled={pending} aria-label={`Resend the invitation to ${email}`}>
          <Send aria-hidden />
          Resend
        </Button>
        <ConfirmButton
          triggerProps={{ disabled: pending, "aria-label": `Revoke invitation to ${email}` }}
          title={`Revoke the invitation to ${email}?`}
          description="Its link stops working at once. You can invite them again later."
          confirmLabel="Revoke invitation"
          destructive
          onConfirm={revoke}
        >
          Revoke
        </ConfirmButton>
      </div>
      {outcome?.kind === "link" ? (
        <InlineStatus tone="success" className="sm:col-span-2">
          <p className="font-medium">{copied ? "New invitation link copied." : "New invitation link:"}</p>
          <p className="mt-1">
            Anyone with this link can join as {email}, once, within 7 days. It replaces the previous link, which no longer works, and is shown only now.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="invitation-link" aria-label={`Invitation link for ${email}`} className="rounded border bg-background px-2 py-1 font-mono text-xs break-all text-foreground">
              {outcome.url}
            </code>
            <Button size="sm" variant="outline" onClick={() => copyAgain(outcome.url)}>
              {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </InlineStatus>
      ) : null}
      {outcome?.kind === "status" ? (
        <InlineStatus tone={outcome.tone} className="sm:col-span-2">
          {outcome.message}
        </InlineStatus>
      ) : null}
    </>
  );
}
