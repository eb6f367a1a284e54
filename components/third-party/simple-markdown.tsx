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
  const blocks = source.split(/\n{2,}/).flatMap((block) => {
    if (!block.startsWith("## ")) return [{ heading: false, text: block }];
    const [title = "", ...rest] = block.split("\n");
    return [{ heading: true, text: title.slice(3) }, ...(rest.length ? [{ heading: false, text: rest.join(" ") }] : [])];
  });
  return (
    <div className="grid gap-3 text-sm leading-6">
      {blocks.map((block, i) =>
        block.heading ? (
          <Heading key={i} className="mt-2 text-base font-semibold text-foreground">
            {block.text}
          </Heading>
        ) : (
          <p key={i} className="text-muted-foreground">
            {inline(block.text)}
          </p>
        ),
      )}
    </div>
  );
}
