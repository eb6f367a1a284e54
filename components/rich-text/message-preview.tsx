import { clsx } from "clsx";

type MessagePreviewProps = {
  /** From renderMessage / previewMessage / renderStoredHtml in lib/rich-text/render.ts. */
  html: string;
  className?: string;
};

// Contract: `html` only ever comes from the server renderer (lib/rich-text/render.ts), which escapes everything, never from client input.
export function MessagePreview({ html, className }: MessagePreviewProps) {
  return (
    <div
      className={clsx(
        "text-sm leading-6 break-words text-neutral-900",
        "[&_p]:my-1 [&_ul]:my-1 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-1 [&_ol]:list-decimal [&_ol]:pl-6",
        "[&_a]:text-blue-700 [&_a]:underline",
        "[&_mark[data-missing]]:rounded [&_mark[data-missing]]:bg-amber-100 [&_mark[data-missing]]:px-1 [&_mark[data-missing]]:text-amber-900",
        className,
      )}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
