"use client";

import { X } from "lucide-react";
import { useId, useState, useTransition, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Props = {
  label?: string;
  tags: readonly string[];
  /** The workspace's tags, offered as the person types (a datalist: the browser's own autocomplete, keyboard and screen-reader ready). */
  suggestions: readonly string[];
  /** Adds a tag; answers an error message, or null. */
  onAdd: (tag: string) => Promise<string | null>;
  onRemove: (tag: string) => Promise<string | null>;
};

/** A contact's tags: each removable, and a field that adds one (Enter or Add) with the workspace's tags suggested. */
export function TagEditor({ label = "Tags", tags, suggestions, onAdd, onRemove }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const offered = suggestions.filter((tag) => !tags.includes(tag));

  function add() {
    const tag = text.trim();
    if (!tag) return;
    startTransition(async () => {
      const problem = await onAdd(tag);
      setError(problem);
      if (!problem) setText("");
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  }

  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {tags.length === 0 ? (
        <p className="text-sm text-muted-foreground">No tags.</p>
      ) : (
        <ul className="flex flex-wrap gap-1" aria-label={label}>
          {tags.map((tag) => (
            <li key={tag}>
              <Badge className="gap-1 pr-0.5">
                {tag}
                <button
                  type="button"
                  className="rounded-sm p-0.5 hover:bg-muted-foreground/20 focus-visible:outline-2 focus-visible:outline-ring"
                  aria-label={`Remove tag ${tag}`}
                  disabled={pending}
                  onClick={() => startTransition(async () => setError(await onRemove(tag)))}
                >
                  <X className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Input
          id={id}
          value={text}
          list={`${id}-suggestions`}
          autoComplete="off"
          maxLength={64}
          placeholder="Add a tag"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <datalist id={`${id}-suggestions`}>
          {offered.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <Button type="button" variant="outline" disabled={pending || text.trim() === ""} onClick={add}>
          Add
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-destructive-soft-foreground">
          {error}
        </p>
      ) : null}
    </div>
  );
}
