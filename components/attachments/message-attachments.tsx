import { Download } from "lucide-react";
import type { ShownAttachment } from "@/lib/db/queries/message-attachments";
import { cn } from "@/lib/utils/cn";
import { formatFileSize } from "./file-size";

// Raster images only: the server serves nothing else inline (never SVG, never HTML).
const THUMBNAIL_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A message's files: images as thumbnails that open the full image, anything else as a download link. */
export function MessageAttachments({ attachments, className }: { attachments: readonly ShownAttachment[]; className?: string }) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attachments" className={cn("mt-2 flex flex-wrap gap-2", className)}>
      {attachments.map((file) =>
        THUMBNAIL_TYPES.has(file.contentType) ? (
          <li key={file.id}>
            <a href={file.url} target="_blank" rel="noopener noreferrer" className="block overflow-hidden rounded-md border bg-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
              {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind a session or signature: next/image's optimizer cannot fetch it */}
              <img src={file.url} alt={file.fileName} loading="lazy" className="block max-h-48 max-w-full object-contain sm:max-w-64" />
            </a>
          </li>
        ) : (
          <li key={file.id}>
            <a
              href={file.url}
              download={file.fileName}
              className="inline-flex max-w-full items-center gap-1.5 rounded-md border bg-background px-2 py-1 text-sm text-foreground underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              <Download className="size-4 shrink-0" aria-hidden />
              <span className="truncate">{file.fileName}</span>
              <span className="shrink-0 text-xs text-muted-foreground">{formatFileSize(file.byteSize)}</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
