"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useEditorActions } from "@/components/workflow-editor/editor-actions-context";
import type { ContactOption } from "@/components/workflow-editor/editor-actions";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import type { PreviewContactChoice } from "@/components/workflow-editor/preview-contact";
import { useDebouncedValue } from "./use-debounced-value";

/** Finds a contact to preview with, through the builder's contact search (name, email or phone). */
export function PreviewContactPicker({
  id,
  chosen,
  onChoose,
  onClose,
}: {
  id: string;
  chosen: PreviewContactChoice | null;
  onChoose: (choice: PreviewContactChoice | null) => void;
  onClose: () => void;
}) {
  const { workspaceId } = useEditorContext();
  const actions = useEditorActions();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query, 250);
  const [found, setFound] = useState<{ query: string; contacts: ContactOption[] } | { query: string; error: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void actions.searchContacts({ workspaceId, query: debounced }).then((result) => {
      if (cancelled) return;
      setFound(result.ok ? { query: debounced, contacts: result.data } : { query: debounced, error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [actions, workspaceId, debounced]);

  const listId = `${id}-results`;
  return (
    <div className="grid gap-1.5 rounded-md border bg-background p-2" role="group" aria-label="Contact to preview with">
      <Label htmlFor={`${id}-search`} className="text-xs">
        Preview with
      </Label>
      <Input
        id={`${id}-search`}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Name, email or phone"
        autoComplete="off"
        aria-controls={listId}
        className="h-8"
      />
      {found && "error" in found ? <p className="text-xs text-destructive-soft-foreground">{found.error}</p> : null}
      {found && "contacts" in found && found.contacts.length === 0 ? <p className="text-xs text-muted-foreground">No contacts found.</p> : null}
      <ul id={listId} className="grid max-h-40 gap-0.5 overflow-y-auto" aria-busy={found?.query !== query}>
        {found && "contacts" in found
          ? found.contacts.map((contact) => (
              <li key={contact.id}>
                <button
                  type="button"
                  className="flex w-full min-w-0 items-center gap-1 rounded-md px-2 py-1 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                  aria-current={chosen?.id === contact.id ? "true" : undefined}
                  onClick={() => {
                    onChoose({ id: contact.id, name: contact.name });
                    onClose();
                  }}
                >
                  <span className="max-w-[60%] shrink-0 truncate">{contact.name}</span>
                  {contact.email && contact.email !== contact.name ? <span className="min-w-0 truncate text-xs text-muted-foreground">· {contact.email}</span> : null}
                </button>
              </li>
            ))
          : null}
      </ul>
      <div className="flex flex-wrap gap-2">
        {chosen ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              onChoose(null);
              onClose();
            }}
          >
            Use the best match
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
