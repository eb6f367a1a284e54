"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createConversationViewAction, updateConversationViewAction } from "@/lib/actions/conversation-views";
import { filtersToSearchParams, type InboxFilters } from "@/lib/inbox/filters";
import { inboxPath } from "@/lib/inbox/views";
import type { InboxDirectory } from "./conversation-actions";
import { FilterFields } from "./filter-fields";

type Mode = { kind: "filter" } | { kind: "create" } | { kind: "edit"; viewId: string; name: string; shared: boolean };

type Props = {
  workspaceId: string;
  mode: Mode;
  filters: InboxFilters;
  directory: InboxDirectory;
  trigger: ReactNode;
};

const TEXT = {
  filter: { title: "Filter conversations", description: "Show the open inbox narrowed by these filters. The filters go in the address, so the link can be shared.", submit: "Apply filters" },
  create: { title: "Save as a view", description: "A view keeps these filters under a name in the inbox sidebar.", submit: "Save view" },
  edit: { title: "Edit view", description: "Rename the view, change who sees it, or change its filters.", submit: "Save changes" },
} as const;

/** Builds filters and applies them (URL), saves them as a Conversation View, or edits a saved view. */
export function ViewDialog({ workspaceId, mode, filters: initialFilters, directory, trigger }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState<InboxFilters>(initialFilters);
  const [name, setName] = useState(mode.kind === "edit" ? mode.name : "");
  const [shared, setShared] = useState(mode.kind === "edit" ? mode.shared : false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const nameId = useId();
  const sharedId = useId();
  const text = TEXT[mode.kind];

  const onOpenChange = (next: boolean) => {
    if (next) {
      setFilters(initialFilters);
      setError(null);
    }
    setOpen(next);
  };

  const submit = async () => {
    setError(null);
    if (mode.kind === "filter") {
      const query = filtersToSearchParams(filters).toString();
      setOpen(false);
      router.push(`/${workspaceId}/inbox${query ? `?${query}` : ""}`);
      return;
    }
    setPending(true);
    const result =
      mode.kind === "create"
        ? await createConversationViewAction({ workspaceId, name, shared, filters })
        : await updateConversationViewAction({ workspaceId, viewId: mode.viewId, name, shared, filters });
    setPending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.name?.[0] ?? result.error);
      return;
    }
    setOpen(false);
    router.push(inboxPath(workspaceId, { kind: "custom", viewId: result.data.id }));
    router.refresh();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{text.title}</DialogTitle>
          <DialogDescription>{text.description}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {mode.kind !== "filter" ? (
            <>
              <Field id={nameId} label="View name">
                <Input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
              </Field>
              <div className="flex items-center gap-2">
                <Checkbox id={sharedId} checked={shared} onCheckedChange={(value) => setShared(value === true)} />
                <Label htmlFor={sharedId}>Share with everyone in the workspace</Label>
              </div>
            </>
          ) : null}
          {mode.kind !== "create" ? <FilterFields filters={filters} onChange={setFilters} directory={directory} /> : null}
          {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {text.submit}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
