"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createWorkspaceAction } from "@/lib/actions/workspace";

/** Names a new workspace; its creator becomes the owner and lands in its (empty) inbox. */
export function CreateWorkspaceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await createWorkspaceAction({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
    if (!result.ok) {
      setError(result.fieldErrors?.name?.[0] ?? result.error);
      setPending(false);
      return;
    }
    router.push(`/${result.data.id}/inbox`);
    onOpenChange(false);
    setPending(false);
  }

  const nameId = `${id}-name`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setError(undefined);
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <form onSubmit={(event) => void onSubmit(event)} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Create a workspace</DialogTitle>
            <DialogDescription>
              A workspace has its own inbox, contacts, channels and workflows. You&apos;ll be its owner and can invite people to it.
            </DialogDescription>
          </DialogHeader>
          <Field id={nameId} label="Workspace name" error={error}>
            <Input
              id={nameId}
              name="name"
              required
              maxLength={80}
              autoComplete="organization"
              autoFocus
              aria-invalid={error ? true : undefined}
              aria-describedby={fieldDescribedBy(nameId, { error })}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create workspace"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A button that opens the dialog, for pages without the switcher (a person in no workspace). */
export function CreateWorkspaceButton({ variant = "primary" }: { variant?: "primary" | "outline" }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <Plus aria-hidden />
        Create a workspace
      </Button>
      <CreateWorkspaceDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
