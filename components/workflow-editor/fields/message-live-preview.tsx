"use client";

import { AlertTriangle } from "lucide-react";
import { useEffect, useState } from "react";
import { MessagePreview } from "@/components/rich-text/message-preview";
import { isDocumentEmpty, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { useEditorActions } from "../editor-actions-context";
import type { MessagePreviewView } from "../editor-actions";
import { useEditorContext } from "../editor-context";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * The message as one real contact would get it, rendered on the server by the renderer the engine
 * sends with. Variables that would be empty for that contact are marked and listed, because a
 * real send to such a contact fails rather than go out with a hole.
 */
export function MessageLivePreview({ id, message, senderUserId }: { id: string; message: RichTextDocument; senderUserId: string | null }) {
  const { workspaceId } = useEditorContext();
  const actions = useEditorActions();
  const debounced = useDebouncedValue(message, 400);
  const [result, setResult] = useState<{ for: RichTextDocument; preview: MessagePreviewView } | { for: RichTextDocument; error: string } | null>(null);

  useEffect(() => {
    if (isDocumentEmpty(debounced)) return;
    let cancelled = false;
    void actions.previewMessage({ workspaceId, message: debounced, senderUserId }).then((response) => {
      if (cancelled) return;
      setResult(response.ok ? { for: debounced, preview: response.data } : { for: debounced, error: response.error });
    });
    return () => {
      cancelled = true;
    };
  }, [debounced, workspaceId, senderUserId, actions]);

  if (isDocumentEmpty(message)) return null;
  const stale = result?.for !== message;
  return (
    <section id={id} aria-labelledby={`${id}-title`} aria-busy={stale} className="grid gap-1.5 rounded-md border bg-subtle p-3">
      <h3 id={`${id}-title`} className="text-xs font-medium text-muted-foreground">
        Preview
        {result && "preview" in result && result.preview.contact ? <> for {result.preview.contact.name}</> : null}
      </h3>
      {result === null ? <p className="text-sm text-muted-foreground">Rendering…</p> : null}
      {result && "error" in result ? <p className="text-sm text-destructive-soft-foreground">{result.error}</p> : null}
      {result && "preview" in result ? (
        <>
          <MessagePreview html={result.preview.html} className={stale ? "opacity-60" : undefined} />
          {result.preview.missing.length ? (
            <p className="flex items-start gap-1.5 text-xs text-warning-soft-foreground" role="status">
              <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              <span>
                Empty for this contact: {result.preview.missing.map((name) => `{{${name}}}`).join(", ")}. Give{" "}
                {result.preview.missing.length === 1 ? "it" : "them"} a fallback (click the chip), or contacts like this one won&apos;t
                get the message.
              </span>
            </p>
          ) : null}
          {result.preview.invalid.length ? (
            <p className="text-xs text-destructive-soft-foreground" role="status">
              Not valid variables: {result.preview.invalid.join(", ")}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
