"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
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
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { eraseMatchingContactsAction } from "@/lib/actions/contact-lifecycle";
import { contactListSearchParams, isFilteredList, type ContactListFilter } from "@/lib/contacts/contact-list-params";

const format = (n: number) => n.toLocaleString("en-US");

/**
 * Erases every contact the list's current filter matches, after the person types how many that
 * is (read fresh when the dialog opens; the server refuses if the list changed meanwhile).
 */
export function EraseMatchingContactsButton({ workspaceId, filter }: { workspaceId: string; filter: ContactListFilter }) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function loadCount() {
    setCount(null);
    const query = contactListSearchParams(filter).toString();
    const response = await fetch(`/api/workspaces/${workspaceId}/contacts/count${query ? `?${query}` : ""}`, { cache: "no-store" });
    if (!response.ok) {
      setError("The number of matching contacts could not be read. Try again.");
      return;
    }
    setCount(((await response.json()) as { count: number }).count);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (count === null) return;
    setPending(true);
    const result = await eraseMatchingContactsAction({ workspaceId, filter: { q: filter.q, audience: filter.audience ?? null }, expectedCount: count });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      if (result.code === "conflict") void loadCount();
      return;
    }
    setOpen(false);
    setDone(
      result.data.mode === "erased"
        ? `${format(result.data.count)} contacts erased.`
        : `${format(result.data.count)} contacts are being erased in the background; they are already gone from every list.`,
    );
    router.refresh();
  }

  const inputId = `${id}-confirm`;
  const filtered = isFilteredList(filter);
  return (
    <>
      <AlertDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) {
            setTyped("");
            setError(undefined);
            setDone(null);
            void loadCount();
          }
        }}
      >
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm">
            <Trash2 aria-hidden />
            {filtered ? "Delete matching contacts…" : "Delete all contacts…"}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <form onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
            <AlertDialogHeader>
              <AlertDialogTitle>
                {count === null ? "Counting contacts…" : `Erase ${format(count)} ${filtered ? "matching " : ""}contact${count === 1 ? "" : "s"}?`}
              </AlertDialogTitle>
              <AlertDialogDescription>
                {filter.q ? `Every contact matching “${filter.q}”${filter.audience ? " and the filter" : ""}` : filtered ? "Every contact matching the filter" : "Every contact of this workspace"} is erased with everything that is theirs: conversations and
                messages, chat sessions, workflow runs, texts. Their integrations are told. This cannot be undone.
              </AlertDialogDescription>
            </AlertDialogHeader>
            {count !== null && count > 0 ? (
              <Field id={inputId} label={<>Type <span className="font-semibold tabular-nums">{count}</span> to confirm</>} error={error}>
                <Input
                  id={inputId}
                  inputMode="numeric"
                  value={typed}
                  onChange={(event) => setTyped(event.target.value)}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={fieldDescribedBy(inputId, { error })}
                />
              </Field>
            ) : error ? (
              <InlineStatus tone="error">{error}</InlineStatus>
            ) : null}
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <Button type="submit" variant="destructive" disabled={pending || count === null || count === 0 || typed.trim() !== String(count)}>
                {pending ? "Erasing…" : "Erase contacts"}
              </Button>
            </AlertDialogFooter>
          </form>
        </AlertDialogContent>
      </AlertDialog>
      {done ? (
        <span role="status" className="text-xs text-muted-foreground">
          {done}
        </span>
      ) : null}
    </>
  );
}
