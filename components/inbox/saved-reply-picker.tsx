"use client";

import { MessageSquareText } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { filterSavedReplies, type SavedReplyOption } from "./saved-reply-options";

type Props = { replies: SavedReplyOption[]; settingsHref: string; onChoose: (reply: SavedReplyOption) => void; disabled?: boolean };

/** The composer's "Saved replies" button: a searchable list; choosing one inserts it at the cursor. */
export function SavedReplyPicker({ replies, settingsHref, onChoose, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const inputId = useId();
  const shown = filterSavedReplies(replies, query, 50);

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQuery("");
      }}
    >
      <PopoverTrigger asChild>
        <Button type="button" variant="ghost" size="sm" disabled={disabled}>
          <MessageSquareText aria-hidden />
          Saved replies
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="grid w-80 max-w-[calc(100vw-2rem)] gap-2 p-2">
        <label htmlFor={inputId} className="sr-only">
          Search saved replies
        </label>
        <Input id={inputId} type="search" placeholder="Search saved replies" value={query} onChange={(event) => setQuery(event.target.value)} autoFocus />
        {replies.length === 0 ? (
          <p className="px-1 py-2 text-sm text-muted-foreground">
            No saved replies yet.{" "}
            <Link className="text-primary underline underline-offset-4" href={settingsHref}>
              Write one in Settings
            </Link>
            .
          </p>
        ) : shown.length === 0 ? (
          <p role="status" className="px-1 py-2 text-sm text-muted-foreground">
            No matching saved reply
          </p>
        ) : (
          <ul aria-label="Saved replies" className="max-h-72 overflow-y-auto">
            {shown.map((reply) => (
              <li key={reply.id}>
                <button
                  type="button"
                  className="grid w-full gap-0.5 rounded px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                  onClick={() => {
                    setOpen(false);
                    setQuery("");
                    onChoose(reply);
                  }}
                >
                  <span className="truncate font-medium">{reply.title}</span>
                  <span className="truncate text-xs text-muted-foreground">{reply.text}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </PopoverContent>
    </Popover>
  );
}
