"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { eraseContactAction } from "@/lib/actions/contact-lifecycle";

/** Erases this contact and everything of theirs after asking, then goes back to the list. */
export function EraseContactButton({ workspaceId, contact }: { workspaceId: string; contact: { id: string; name: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function erase() {
    setError(null);
    startTransition(async () => {
      const result = await eraseContactAction({ workspaceId, contactId: contact.id });
      if (result.ok) router.replace(`/${workspaceId}/contacts`);
      else setError(result.error);
    });
  }

  return (
    <>
      <ConfirmButton
        triggerProps={{ disabled: pending, variant: "outline", size: "sm" }}
        title={`Delete ${contact.name}?`}
        description="They are erased with everything that is theirs: conversations and messages, chat sessions, workflow runs, texts. Their integrations are told. This cannot be undone."
        confirmLabel="Delete contact"
        destructive
        onConfirm={erase}
      >
        <Trash2 aria-hidden />
        {pending ? "Deleting…" : "Delete contact"}
      </ConfirmButton>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </>
  );
}
