"use client";

import { Loader2, Paperclip, X } from "lucide-react";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { formatFileSize } from "./file-size";
import type { PendingAttachment } from "./use-attachment-uploads";

/** The paperclip button (a file chooser) that attaches files. */
export function AttachButton({ onFiles, disabled, label = "Attach files" }: { onFiles: (files: File[]) => void; disabled?: boolean; label?: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  return (
    <>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        className="sr-only"
        tabIndex={-1}
        aria-label={label}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = "";
          if (chosen.length > 0) onFiles(chosen);
        }}
      />
      <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => inputRef.current?.click()} aria-label={label} title={label}>
        <Paperclip aria-hidden />
      </Button>
    </>
  );
}

/** Files waiting to go with the message: each removable; a spinner while it uploads. */
export function PendingAttachments({ files, onRemove }: { files: readonly PendingAttachment[]; onRemove: (key: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attached files" className="flex flex-wrap gap-2">
      {files.map((file) => (
        <li key={file.key} className="flex max-w-full items-center gap-2 rounded-md border bg-background py-1 pr-1 pl-1.5 text-sm" data-uploaded={file.id ? "true" : "false"}>
          {file.previewUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local blob: preview of the chosen file
            <img src={file.previewUrl} alt="" className="size-8 rounded object-cover" />
          ) : null}
          <span className="max-w-48 truncate">{file.fileName}</span>
          <span className="text-xs text-muted-foreground">{file.id ? formatFileSize(file.byteSize) : <Loader2 className="size-3 animate-spin" aria-label="Uploading" />}</span>
          <Button type="button" variant="ghost" size="sm" className="size-7 p-0" onClick={() => onRemove(file.key)} aria-label={`Remove ${file.fileName}`}>
            <X aria-hidden />
          </Button>
        </li>
      ))}
    </ul>
  );
}
