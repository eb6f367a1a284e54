"use client";

import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { inboxHref, type InboxUrlState } from "@/lib/inbox/inbox-url";
import { MAX_SEARCH_LENGTH, normalizeSearchQuery } from "@/lib/inbox/inbox-search-text";
import type { ViewRef } from "@/lib/inbox/views";
import { SEARCH_EVENT } from "./inbox-events";

type Props = { workspaceId: string; view: ViewRef; urlState: InboxUrlState };

/**
 * The inbox search (keyboard "/"). The words go in the URL (?q=), so a search is a link like any
 * view and survives opening a conversation from its results.
 */
export function InboxSearchBox({ workspaceId, view, urlState }: Props) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(urlState.q ?? "");

  useEffect(() => {
    const focus = () => {
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener(SEARCH_EVENT, focus);
    return () => window.removeEventListener(SEARCH_EVENT, focus);
  }, []);

  const go = (q: string) => router.push(inboxHref(workspaceId, view, { ...urlState, cursor: null, q: normalizeSearchQuery(q) || undefined }));

  return (
    <form
      role="search"
      aria-label="Conversations"
      className="relative"
      onSubmit={(event) => {
        event.preventDefault();
        go(value);
      }}
    >
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input
        ref={inputRef}
        type="search"
        name="q"
        aria-label="Search conversations"
        placeholder="Search messages, names, emails, phones…"
        maxLength={MAX_SEARCH_LENGTH}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && value) {
            event.preventDefault();
            setValue("");
            if (urlState.q) go("");
          }
        }}
        className="pr-9 pl-8 [&::-webkit-search-cancel-button]:hidden"
      />
      {urlState.q ? (
        <Button
          type="button"
          variant="ghost"
          size="icon-sm"
          aria-label="Clear search"
          className="absolute top-1/2 right-0.5 -translate-y-1/2"
          onClick={() => {
            setValue("");
            go("");
          }}
        >
          <X aria-hidden />
        </Button>
      ) : null}
    </form>
  );
}
