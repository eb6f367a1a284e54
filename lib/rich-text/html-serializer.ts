import type { BlockNode, InlineNode, RichTextDocument, RichTextMark } from "./document-schema";
import { isSafeHref } from "./safe-href";
import type { VariableReference } from "./variable-syntax";

/**
 * A string serializer for exactly the nodes and marks of the shared extension list. Tiptap's own
 * server generateHTML needs a DOM implementation (happy-dom) per call; this one needs none and
 * makes the safety rules explicit: every text and attribute value is escaped, only known tags are
 * produced, and a link is emitted only when its href passes isSafeHref (otherwise its text stays).
 * Output matches Tiptap's for the same document (see html-serializer.test.ts).
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Returns HTML for a variable node; implementations must escape what they output. */
export type VariableHtmlRenderer = (variable: VariableReference) => string;

// Links wrap the other marks, matching the order ProseMirror gives them (link has the highest
// priority in the extension list).
const MARK_RANK: Record<RichTextMark["type"], number> = { link: 0, bold: 1, italic: 2 };

function renderableMarks(marks: RichTextMark[] | undefined): RichTextMark[] {
  return (marks ?? [])
    .filter((mark) => mark.type !== "link" || isSafeHref(mark.attrs.href))
    .sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);
}

function sameMark(a: RichTextMark, b: RichTextMark): boolean {
  if (a.type === "link" && b.type === "link") return a.attrs.href === b.attrs.href;
  return a.type === b.type;
}

function openTag(mark: RichTextMark): string {
  switch (mark.type) {
    case "bold":
      return "<strong>";
    case "italic":
      return "<em>";
    case "link":
      return `<a target="_blank" rel="noopener noreferrer nofollow" href="${escapeHtml(mark.attrs.href)}">`;
  }
}

function closeTag(mark: RichTextMark): string {
  return { bold: "</strong>", italic: "</em>", link: "</a>" }[mark.type];
}

function renderInline(nodes: InlineNode[], renderVariable: VariableHtmlRenderer): string {
  let html = "";
  let open: RichTextMark[] = [];
  for (const node of nodes) {
    const marks = renderableMarks(node.marks);
    // Keep shared outer marks open so "<strong>a<em>b</em></strong>" is not split per node.
    let keep = 0;
    while (keep < open.length && keep < marks.length && sameMark(open[keep]!, marks[keep]!)) keep++;
    for (let i = open.length - 1; i >= keep; i--) html += closeTag(open[i]!);
    for (let i = keep; i < marks.length; i++) html += openTag(marks[i]!);
    open = marks;

    if (node.type === "text") html += escapeHtml(node.text);
    else if (node.type === "hardBreak") html += "<br>";
    else if (node.type === "variable") html += renderVariable(node.attrs);
  }
  for (let i = open.length - 1; i >= 0; i--) html += closeTag(open[i]!);
  return html;
}

function renderBlock(block: BlockNode, renderVariable: VariableHtmlRenderer): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${renderInline(block.content ?? [], renderVariable)}</p>`;
    case "bulletList":
    case "orderedList": {
      const items = block.content
        .map((item) => `<li>${item.content.map((child) => renderBlock(child, renderVariable)).join("")}</li>`)
        .join("");
      if (block.type === "bulletList") return `<ul>${items}</ul>`;
      const start = Number.isInteger(block.attrs?.start) ? block.attrs!.start! : 1;
      return start === 1 ? `<ol>${items}</ol>` : `<ol start="${start}">${items}</ol>`;
    }
    default:
      // Unknown blocks can only come from an unvalidated document; dropping them is the safe choice.
      return "";
  }
}

export function serializeHtml(doc: RichTextDocument, renderVariable: VariableHtmlRenderer): string {
  return doc.content.map((block) => renderBlock(block, renderVariable)).join("");
}
