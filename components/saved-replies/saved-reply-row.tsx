"use client";

import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineStatus } from "@/components/ui/inline-status";
import { deleteSavedReplyAction } from "@/lib/actions/saved-replies";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import { SavedReplyForm } from "./saved-reply-form";

type Props = {
  workspaceId: string;
  reply: { id: string; title: string; body: RichTextDocument; shared: boolean; text: string };
  canEdit: boolean;
  canShare: boolean;
  customVariables: string[];
};

/** One saved reply in Settings: its title and text (variables as {{name}}), edited in place. */
export function SavedReplyRow({ workspaceId, reply, canEdit, canShare, customVariables }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <li className="grid gap-3 px-5 py-4" data-saved-reply={reply.title}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium">{reply.title}</span>
        <Badge variant="outline">{reply.shared ? "Shared" : "Personal"}</Badge>
        {canEdit && !editing ? (
          <>
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${reply.title}`}>
              <Pencil aria-hidden />
              Edit
            </Button>
            <ConfirmButton
              triggerProps={{ disabled: pending, variant: "ghost", "aria-label": `Delete ${reply.title}` }}
              title={`Delete the saved reply “${reply.title}”?`}
              description={reply.shared ? "Nobody in the workspace will find it in their composer any more." : "It is removed from your saved replies."}
              confirmLabel="Delete saved reply"
              destructive
              onConfirm={() =>
                startTransition(async () => {
                  const result = await deleteSavedReplyAction({ workspaceId, savedReplyId: reply.id });
                  if (result.ok) router.refresh();
                  else setError(result.error);
                })
              }
            >
              Delete
            </ConfirmButton>
          </>
        ) : null}
      </div>
      {editing ? (
        <SavedReplyForm workspaceId={workspaceId} reply={reply} canShare={canShare} customVariables={customVariables} onDone={() => setEditing(false)} />
      ) : (
        <p className="line-clamp-3 text-sm whitespace-pre-line text-muted-foreground">{reply.text}</p>
      )}
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </li>
  );
}
