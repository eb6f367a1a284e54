import { highlightParts } from "@/lib/inbox/inbox-search-text";

/** A search snippet with its matched words in <mark>: built as React text, so nothing in it is ever read as HTML. */
export function HighlightedSnippet({ snippet }: { snippet: string }) {
  return (
    <>
      {highlightParts(snippet).map((part, index) =>
        part.highlighted ? (
          <mark key={index} className="rounded-sm bg-yellow-200 px-0.5 text-foreground">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
