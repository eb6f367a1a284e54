import type { BlockNode, InlineNode, RichTextDocument } from "./document-schema";
import type { VariableReference } from "./variable-syntax";

/** Returns the text for a variable node. */
export type VariableTextRenderer = (variable: VariableReference) => string;

function linkHref(node: InlineNode): string | null {
  return node.marks?.find((mark) => mark.type === "link")?.attrs.href ?? null;
}

// An SMS has no anchors, so a link whose text is not its own address keeps the address in
// parentheses; otherwise "click here" would reach the contact with nowhere to click.
function withAddress(text: string, href: string): string {
  const address = href.replace(/^(?:mailto|tel):/i, "");
  return text.trim() === href || text.trim() === address ? text : `${text} (${address})`;
}

function renderInline(nodes: InlineNode[], renderVariable: VariableTextRenderer): string {
  let text = "";
  let linkText = "";
  let currentHref: string | null = null;
  const flushLink = () => {
    if (currentHref !== null) text += withAddress(linkText, currentHref);
    linkText = "";
    currentHref = null;
  };
  for (const node of nodes) {
    const href = linkHref(node);
    if (href !== currentHref) flushLink();
    const piece =
      node.type === "text" ? node.text : node.type === "hardBreak" ? "\n" : renderVariable(node.attrs);
    if (href === null) text += piece;
    else {
      currentHref = href;
      linkText += piece;
    }
  }
  flushLink();
  return text;
}

function indent(text: string, prefix: string): string {
  const padding = " ".repeat(prefix.length);
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? prefix + line : line === "" ? line : padding + line))
    .join("\n");
}

function renderBlock(block: BlockNode, renderVariable: VariableTextRenderer): string {
  if (block.type === "paragraph") return renderInline(block.content ?? [], renderVariable);
  const start = block.type === "orderedList" ? (block.attrs?.start ?? 1) : 1;
  return block.content
    .map((item, index) => {
      const prefix = block.type === "orderedList" ? `${start + index}. ` : "- ";
      const body = item.content.map((child) => renderBlock(child, renderVariable)).join("\n");
      return indent(body, prefix);
    })
    .join("\n");
}

/**
 * Paragraphs are separated by a blank line, hard breaks are newlines, list items are "- " or
 * "1. " lines with nested content indented under them.
 */
export function serializePlainText(doc: RichTextDocument, renderVariable: VariableTextRenderer): string {
  return doc.content
    .map((block) => renderBlock(block, renderVariable))
    .join("\n\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}
