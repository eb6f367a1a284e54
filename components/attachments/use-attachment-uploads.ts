"use client";

import { useCallback, useState } from "react";
import { formatFileSize } from "./file-size";

export type PendingAttachment = { key: string; fileName: string; byteSize: number; id: string | null; previewUrl: string | null };

type Options = { uploadUrl: string; headers?: Record<string, string>; maxBytes: number; maxFiles: number };

/**
 * Files attached to a message being written: each is uploaded as soon as it is chosen, dropped or
 * pasted (the body is the file itself, streamed by the browser), and its id goes with the send.
 * Sizes over the limit are refused here before any upload; the server refuses them too.
 */
export function useAttachmentUploads({ uploadUrl, headers, maxBytes, maxFiles }: Options) {
  const [files, setFiles] = useState<PendingAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const headerKey = JSON.stringify(headers ?? {});

  const add = useCallback(
    async (chosen: readonly File[]) => {
      setError(null);
      const room = maxFiles - files.length;
      if (chosen.length > room) setError(`Attach at most ${maxFiles} files to one message.`);
      for (const file of chosen.slice(0, Math.max(room, 0))) {
        const fileName = file.name || "pasted-image.png";
        if (file.size > maxBytes) {
          setError(`“${fileName}” is ${formatFileSize(file.size)}: files can be at most ${formatFileSize(maxBytes)}.`);
          continue;
        }
        const key = crypto.randomUUID();
        const previewUrl = /^image\/(png|jpeg|gif|webp)$/.test(file.type) ? URL.createObjectURL(file) : null;
        setFiles((current) => [...current, { key, fileName, byteSize: file.size, id: null, previewUrl }]);
        try {
          const response = await fetch(`${uploadUrl}?name=${encodeURIComponent(fileName)}`, {
            method: "POST",
            headers: { ...(JSON.parse(headerKey) as Record<string, string>), "Content-Type": "application/octet-stream" },
            body: file,
          });
          const result = (await response.json().catch(() => null)) as { attachment?: { id: string }; error?: { message?: string } } | null;
          if (!response.ok || !result?.attachment) throw new Error(result?.error?.message ?? `“${fileName}” could not be attached. Try again.`);
          const id = result.attachment.id;
          setFiles((current) => current.map((entry) => (entry.key === key ? { ...entry, id } : entry)));
        } catch (cause) {
          setFiles((current) => current.filter((entry) => entry.key !== key));
          if (previewUrl) URL.revokeObjectURL(previewUrl);
          setError(cause instanceof Error && cause.message !== "Failed to fetch" ? cause.message : `“${fileName}” could not be attached. Check your connection and try again.`);
        }
      }
    },
    [files.length, maxBytes, maxFiles, uploadUrl, headerKey],
  );

  const remove = useCallback((key: string) => {
    setFiles((current) => {
      const gone = current.find((entry) => entry.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return current.filter((entry) => entry.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setFiles((current) => {
      for (const entry of current) if (entry.previewUrl) URL.revokeObjectURL(entry.previewUrl);
      return [];
    });
    setError(null);
  }, []);

  const uploading = files.some((entry) => entry.id === null);
  const ids = files.flatMap((entry) => (entry.id ? [entry.id] : []));

  /** Drop and paste on the whole form: files dropped or pasted (a screenshot) are attached. */
  const surface = {
    onDragOver: (event: React.DragEvent) => {
      if (event.dataTransfer.types.includes("Files")) event.preventDefault();
    },
    onDrop: (event: React.DragEvent) => {
      if (event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      void add([...event.dataTransfer.files]);
    },
    onPaste: (event: React.ClipboardEvent) => {
      const pasted = [...event.clipboardData.files];
      if (pasted.length === 0) return;
      event.preventDefault();
      void add(pasted);
    },
  };

  return { files, ids, uploading, error, add, remove, clear, surface };
}
