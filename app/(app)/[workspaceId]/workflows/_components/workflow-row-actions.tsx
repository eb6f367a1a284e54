"use client";

import { Copy, MoreHorizontal, Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { deleteWorkflowAction, duplicateWorkflowAction, renameWorkflowAction } from "@/lib/actions/workflows";
import { WorkflowNameDialog } from "./workflow-name-dialog";

export function WorkflowRowActions({ workspaceId, workflow, onError }: { workspaceId: string; workflow: { id: string; name: string; status: string }; onError: (message: string | null) => void }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);

  const duplicate = async () => {
    onError(null);
    const result = await duplicateWorkflowAction({ workspaceId, workflowId: workflow.id });
    if (result.ok) router.refresh();
    else onError(result.error);
  };

  const remove = async () => {
    setBusy(true);
    onError(null);
    const result = await deleteWorkflowAction({ workspaceId, workflowId: workflow.id });
    setBusy(false);
    setDeleting(false);
    if (result.ok) router.refresh();
    else onError(result.error);
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${workflow.name}`}>
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setRenaming(true)}>
            <Pencil aria-hidden /> Rename…
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void duplicate()}>
            <Copy aria-hidden /> Duplicate
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => setDeleting(true)}>
            <Trash2 aria-hidden /> Delete…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <WorkflowNameDialog
        open={renaming}
        onOpenChange={setRenaming}
        title="Rename workflow"
        description="The name is only shown to your team."
        submitLabel="Rename"
        initialName={workflow.name}
        onSubmit={async (name) => {
          const result = await renameWorkflowAction({ workspaceId, workflowId: workflow.id, name });
          if (!result.ok) return result.fieldErrors?.name?.[0] ?? result.error;
          router.refresh();
          return null;
        }}
      />
      <AlertDialog open={deleting} onOpenChange={setDeleting}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete “{workflow.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Its draft, versions and run history are deleted{workflow.status === "draft" ? "" : ", and contacts stop entering it"}. Conversations it
              started stay in the inbox. This can&apos;t be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              destructive
              disabled={busy}
              onClick={(event) => {
                event.preventDefault();
                void remove();
              }}
            >
              {busy ? "Deleting…" : "Delete workflow"}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
