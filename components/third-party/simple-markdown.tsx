import { Fragment, type ReactNode } from "react";

// Inline `code` and **bold** only: enough for the API description, with no HTML injection path.
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`")) return <code key={i} className="rounded bg-muted px-1 font-mono text-[0.85em]">{part.slice(1, -1)}</code>;
    if (part.startsWith("**") && part.endsWith("**")) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return <Fragment key={i}>{part}</Fragment>;
  });
}

/** Renders the tiny Markdown subset the API description uses: ## headings and paragraphs. */
export function SimpleMarkdown({ source, headingLevel = "h3" }: { source: string; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel;
  return (
    <div className="grid gap-3 text-sm leading-6">
      {source.split(/\n{2,}/).map((block, i) =>
        block.startsWith("## ") ? (
          <Heading key={i} className="mt-2 text-base font-semibold text-foreground">
            {block.slice(3)}
          </Heading>
        ) : (
          <p key={i} className="text-muted-foreground">
            {inline(block)}
          </p>
        ),
      )}
    </div>
  );
}
