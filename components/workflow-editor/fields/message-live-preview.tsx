"use client";

import { AlertTriangle } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { MessagePreview } from "@/components/rich-text/message-preview";
import { isDocumentEmpty, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { useEditorActions } from "@/components/workflow-editor/editor-actions-context";
import type { MessagePreviewView } from "@/components/workflow-editor/editor-actions";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { usePreviewContact } from "@/components/workflow-editor/preview-contact";
import { PreviewContactPicker } from "./preview-contact-picker";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * The message as one real contact would get it, rendered on the server by the renderer the engine
 * sends with. Variables that would be empty for that contact are marked and listed, because a
 * real send to such a contact fails rather than go out with a hole. The builder picks the contact
 * (kept for the workflow across visits); until then the server picks the one with values for
 * most of the message's variables.
 */
export function MessageLivePreview({ id, message, senderUserId }: { id: string; message: RichTextDocument; senderUserId: string | null }) {
  const { workspaceId, workflowId } = useEditorContext();
  const actions = useEditorActions();
  const debounced = useDebouncedValue(message, 400);
  const [chosen, choose] = usePreviewContact(workflowId);
  const [picking, setPicking] = useState(false);
  const contactId = chosen?.id ?? null;
  type Rendered = { for: RichTextDocument; contactId: string | null };
  const [result, setResult] = useState<(Rendered & { preview: MessagePreviewView }) | (Rendered & { error: string }) | null>(null);

  useEffect(() => {
    if (isDocumentEmpty(debounced)) return;
    let cancelled = false;
    void actions.previewMessage({ workspaceId, message: debounced, senderUserId, contactId }).then((response) => {
      if (cancelled) return;
      setResult(response.ok ? { for: debounced, contactId, preview: response.data } : { for: debounced, contactId, error: response.error });
    });
    return () => {
      cancelled = true;
    };
  }, [debounced, workspaceId, senderUserId, contactId, actions]);

  if (isDocumentEmpty(message)) return null;
  const stale = result?.for !== message || result.contactId !== contactId;
  return (
    <section id={id} aria-labelledby={`${id}-title`} aria-busy={stale} className="grid gap-1.5 rounded-md border bg-subtle p-3">
      <div className="flex min-w-0 items-center gap-2">
        <h3 id={`${id}-title`} className="min-w-0 flex-1 truncate text-xs font-medium text-muted-foreground">
          Preview
          {result && "preview" in result && result.preview.contact ? <> for {result.preview.contact.name}</> : null}
        </h3>
        {!picking ? (
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={() => setPicking(true)}>
            Change contact
          </Button>
        ) : null}
      </div>
      {picking ? <PreviewContactPicker id={`${id}-contact`} chosen={chosen} onChoose={choose} onClose={() => setPicking(false)} /> : null}
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
