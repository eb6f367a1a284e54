"use client";

import { Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { deleteWorkspaceAction } from "@/lib/actions/workspace";

/**
 * The owner deletes the workspace after typing its name. The button stays disabled until the name
 * matches; the server compares it again. Once deleted, the workspace is gone for everyone at once.
 */
export function DeleteWorkspaceForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await deleteWorkspaceAction({ workspaceId, confirmName: typed });
    if (!result.ok) {
      setError(result.fieldErrors?.confirmName?.[0] ?? result.error);
      setPending(false);
      return;
    }
    // A full navigation: this workspace's pages are all 404s now; "/" opens another one (or says there is none).
    window.location.assign("/");
  }

  const inputId = `${id}-confirm`;
  const hintId = `${id}-hint`;
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setTyped("");
          setError(undefined);
        }
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="destructive">
          <Trash2 aria-hidden />
          Delete workspace…
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          <AlertDialogHeader>
            <AlertDialogTitle>Delete {name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Its conversations, contacts, channels, workflows, API keys and settings are deleted for everyone, and its members lose access at once. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <Field id={inputId} label={<>Type <span className="font-semibold">{name}</span> to confirm</>} error={error}>
            <Input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={fieldDescribedBy(inputId, { error })}
            />
          </Field>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== name} aria-describedby={hintId}>
              {pending ? "Deleting…" : "Delete workspace"}
            </Button>
          </AlertDialogFooter>
          <p id={hintId} className="sr-only">
            Enabled once the name you typed matches.
          </p>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
