"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { deleteConversationViewAction } from "@/lib/actions/conversation-views";

export function DeleteViewButton({ workspaceId, viewId, name }: { workspaceId: string; viewId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        triggerProps={{ variant: "ghost" }}
        title={`Delete “${name}”?`}
        description="The view goes away for everyone who sees it. Conversations are not touched."
        confirmLabel="Delete view"
        destructive
        onConfirm={async () => {
          const result = await deleteConversationViewAction({ workspaceId, viewId });
          if (!result.ok) return setError(result.error);
          router.push(`/${workspaceId}/inbox/all`);
          router.refresh();
        }}
      >
        <Trash2 aria-hidden />
        Delete view
      </ConfirmButton>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </>
  );
}
