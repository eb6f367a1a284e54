"use client";

import type { Editor } from "@tiptap/core";
import { MessageSquare, Send, StickyNote } from "lucide-react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { AttachButton, PendingAttachments } from "@/components/attachments/attachment-picker";
import { useAttachmentUploads } from "@/components/attachments/use-attachment-uploads";
import { MessageEditor } from "@/components/rich-text/message-editor";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Kbd } from "@/components/ui/kbd";
import { postConversationMessageAction } from "@/lib/actions/conversations";
import { fillSavedReplyAction } from "@/lib/actions/saved-replies";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "@/lib/attachments/attachments.validation";
import { emptyDocument, isDocumentEmpty, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { collectVariableReferences, variableLabel } from "@/lib/rich-text/variables";
import { cn } from "@/lib/utils/cn";
import { COMPOSE_EVENT, type ComposeMode } from "./inbox-events";
import type { SavedReplyOption } from "./saved-reply-options";
import { SavedReplyPicker } from "./saved-reply-picker";
import { savedReplySlashExtension } from "./saved-reply-suggestion";
import { useActionRunner } from "./use-action-runner";

// How often a composer being typed in tells the contact's chat (the server throttles too).
const TYPING_PING_MS = 3_000;

type Props = { workspaceId: string; conversationId: string; contactName: string; savedReplies: SavedReplyOption[]; attachmentMaxBytes: number };

/**
 * Reply (delivered to the contact) or Note (internal, never shown to the contact). The document
 * goes to the server as JSON; the server validates and renders it, the browser never sends HTML.
 */
export function Composer({ workspaceId, conversationId, contactName, savedReplies, attachmentMaxBytes }: Props) {
  const attachments = useAttachmentUploads({ uploadUrl: `/api/workspaces/${workspaceId}/conversations/${conversationId}/attachments`, maxBytes: attachmentMaxBytes, maxFiles: MAX_ATTACHMENTS_PER_MESSAGE });
  const [mode, setMode] = useState<ComposeMode>("reply");
  const [body, setBody] = useState<RichTextDocument>(emptyDocument);
  // One key per composed message: a retried send after a network error lands once.
  const [dedupeKey, setDedupeKey] = useState(() => crypto.randomUUID());
  const { run, pending, error } = useActionRunner();
  const labelId = useId();
  const editorId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const editorRef = useRef<Editor | null>(null);
  // Variables a saved reply brought in with no value for this contact: gaps the agent must fill.
  // A ref too, since the chips read it while the reply is being inserted.
  const [gapNames, setGapNames] = useState<ReadonlySet<string>>(() => new Set());
  const gapRef = useRef(gapNames);
  const repliesRef = useRef(savedReplies);
  const [inserting, setInserting] = useState(false);
  const [insertError, setInsertError] = useState<string | null>(null);

  useEffect(() => {
    repliesRef.current = savedReplies;
  });

  const insertSavedReply = useCallback(
    async (editor: Editor, reply: SavedReplyOption) => {
      setInserting(true);
      setInsertError(null);
      // Filled in on the server by the one renderer, for this conversation's contact.
      const result = await fillSavedReplyAction({ workspaceId, conversationId, savedReplyId: reply.id });
      setInserting(false);
      if (!result.ok) {
        setInsertError(result.error);
        return;
      }
      const gaps = new Set([...gapRef.current, ...result.data.gaps]);
      gapRef.current = gaps;
      setGapNames(gaps);
      editor.chain().focus().insertContent(result.data.doc.content).run();
    },
    [workspaceId, conversationId],
  );
  const insertRef = useRef(insertSavedReply);
  useEffect(() => {
    insertRef.current = insertSavedReply;
  });

  // Created once per editor: it reads the latest replies and handler through refs.
  const [slash] = useState(() => [
    savedReplySlashExtension({ getReplies: () => repliesRef.current, onChoose: (editor, reply) => void insertRef.current(editor, reply) }),
  ]);
  const isVariableGap = useCallback((name: string) => gapRef.current.has(name), []);
  const onEditorReady = useCallback((editor: Editor) => {
    editorRef.current = editor;
  }, []);

  useEffect(() => {
    const onCompose = (event: Event) => {
      const next = (event as CustomEvent<ComposeMode>).detail;
      setMode(next);
      requestAnimationFrame(() => document.getElementById(editorId)?.focus());
    };
    window.addEventListener(COMPOSE_EVENT, onCompose);
    return () => window.removeEventListener(COMPOSE_EVENT, onCompose);
  }, [editorId]);

  const lastTypingPing = useRef(0);
  const pingTyping = () => {
    if (Date.now() - lastTypingPing.current < TYPING_PING_MS) return;
    lastTypingPing.current = Date.now();
    void fetch(`/api/workspaces/${workspaceId}/conversations/${conversationId}/typing`, { method: "POST" }).catch(() => {});
  };

  const empty = isDocumentEmpty(body);
  const isNote = mode === "note";
  const openGaps = useMemo(
    () => [...new Set(collectVariableReferences(body).filter((v) => v.fallback === null && gapNames.has(v.name)).map((v) => v.name))],
    [body, gapNames],
  );

  const nothingToSend = empty && attachments.ids.length === 0;
  const send = async () => {
    if (nothingToSend || pending || attachments.uploading) return;
    const ok = await run(() =>
      postConversationMessageAction({ workspaceId, conversationId, kind: isNote ? "note" : "message", body, dedupeKey, attachmentIds: attachments.ids }),
    );
    if (ok) {
      attachments.clear();
      setBody(emptyDocument());
      setDedupeKey(crypto.randomUUID());
      gapRef.current = new Set();
      setGapNames(gapRef.current);
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
      {...attachments.surface}
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
        onChange={(next) => {
          setBody(next);
          // The contact's chat shows "<name> is typing…"; never for a note, which they never see.
          if (!isNote && !isDocumentEmpty(next)) pingTyping();
        }}
        ariaLabelledBy={labelId}
        ariaDescribedBy={openGaps.length > 0 ? `${editorId}-gaps` : undefined}
        className={cn(isNote && "border-amber-300")}
        placeholder={savedReplies.length > 0 ? "Type / for a saved reply" : undefined}
        isVariableGap={isVariableGap}
        extraExtensions={slash}
        onEditorReady={onEditorReady}
      />
      {openGaps.length > 0 ? (
        <p id={`${editorId}-gaps`} className="text-xs text-amber-900">
          Fill in the marked {openGaps.length === 1 ? "gap" : "gaps"} before sending ({openGaps.map(variableLabel).join(", ")}): {contactName} has no value for{" "}
          {openGaps.length === 1 ? "it" : "them"}. Click a gap to give it a value, or replace it with your own words.
        </p>
      ) : null}
      <PendingAttachments files={attachments.files} onRemove={attachments.remove} />
      <div className="flex items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <AttachButton onFiles={(files) => void attachments.add(files)} disabled={pending} />
          <SavedReplyPicker
            replies={savedReplies}
            settingsHref={`/${workspaceId}/settings/saved-replies`}
            disabled={inserting}
            onChoose={(reply) => {
              if (editorRef.current) void insertSavedReply(editorRef.current, reply);
            }}
          />
          <p className="hidden text-xs text-muted-foreground sm:block">
            <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> to send
          </p>
        </div>
        <Button type="submit" size="sm" disabled={nothingToSend || pending || attachments.uploading}>
          <Send aria-hidden />
          {isNote ? "Add note" : "Send reply"}
        </Button>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      {insertError ? <InlineStatus tone="error">{insertError}</InlineStatus> : null}
      {attachments.error ? <InlineStatus tone="error">{attachments.error}</InlineStatus> : null}
    </form>
  );
}
