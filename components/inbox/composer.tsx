"use client";

import { MessageSquare, Send, StickyNote } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { MessageEditor } from "@/components/rich-text/message-editor";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Kbd } from "@/components/ui/kbd";
import { postConversationMessageAction } from "@/lib/actions/conversations";
import { emptyDocument, isDocumentEmpty, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { cn } from "@/lib/utils/cn";
import { COMPOSE_EVENT, type ComposeMode } from "./inbox-events";
import { useActionRunner } from "./use-action-runner";

type Props = { workspaceId: string; conversationId: string; contactName: string };

/**
 * Reply (delivered to the contact) or Note (internal, never shown to the contact). The document
 * goes to the server as JSON; the server validates and renders it, the browser never sends HTML.
 */
export function Composer({ workspaceId, conversationId, contactName }: Props) {
  const [mode, setMode] = useState<ComposeMode>("reply");
  const [body, setBody] = useState<RichTextDocument>(emptyDocument);
  // One key per composed message: a retried send after a network error lands once.
  const [dedupeKey, setDedupeKey] = useState(() => crypto.randomUUID());
  const { run, pending, error } = useActionRunner();
  const labelId = useId();
  const editorId = useId();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const onCompose = (event: Event) => {
      const next = (event as CustomEvent<ComposeMode>).detail;
      setMode(next);
      requestAnimationFrame(() => document.getElementById(editorId)?.focus());
    };
    window.addEventListener(COMPOSE_EVENT, onCompose);
    return () => window.removeEventListener(COMPOSE_EVENT, onCompose);
  }, [editorId]);

  const empty = isDocumentEmpty(body);
  const isNote = mode === "note";

  const send = async () => {
    if (empty || pending) return;
    const ok = await run(() => postConversationMessageAction({ workspaceId, conversationId, kind: isNote ? "note" : "message", body, dedupeKey }));
    if (ok) {
      setBody(emptyDocument());
      setDedupeKey(crypto.randomUUID());
    }
  };

  return (
    <form
      ref={formRef}
      aria-label="Composer"
      className={cn("grid gap-2 border-t px-5 py-3", isNote && "bg-amber-50")}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          void send();
        }
      }}
    >
      <div className="flex items-center gap-2">
        <div role="group" aria-label="Composer mode" className="inline-flex rounded-md border p-0.5">
          <Button type="button" variant={isNote ? "ghost" : "secondary"} size="sm" aria-pressed={!isNote} onClick={() => setMode("reply")}>
            <MessageSquare aria-hidden />
            Reply
          </Button>
          <Button type="button" variant={isNote ? "secondary" : "ghost"} size="sm" aria-pressed={isNote} onClick={() => setMode("note")}>
            <StickyNote aria-hidden />
            Note
          </Button>
        </div>
        <span id={labelId} className="text-xs text-muted-foreground">
          {isNote ? "Internal note — only your team sees it" : `Reply to ${contactName}`}
        </span>
      </div>
      <MessageEditor
        id={editorId}
        value={body}
        onChange={setBody}
        ariaLabelledBy={labelId}
        className={cn(isNote && "border-amber-300")}
      />
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">
          <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> to send
        </p>
        <Button type="submit" size="sm" disabled={empty || pending}>
          <Send aria-hidden />
          {isNote ? "Add note" : "Send reply"}
        </Button>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </form>
  );
}
