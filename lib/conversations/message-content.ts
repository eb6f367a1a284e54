import type { InlineNode, ParagraphNode, RichTextDocument } from "@/lib/rich-text/document-schema";
import { MAX_DOCUMENT_TEXT_LENGTH } from "@/lib/rich-text/document-schema";
import { renderStoredHtml } from "@/lib/rich-text/render";
import { normalizeLineBreaks } from "@/lib/validation/text";

export type MessageContent = { json: RichTextDocument; html: string; text: string };

export const PREVIEW_LENGTH = 140;

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/**
 * What a contact typed, as a document. Unlike textToDocument it does not read {{...}} as
 * variables: a contact's braces are their words, not a template to fill in.
 */
export function contactTextToContent(raw: string): MessageContent {
  const text = normalizeLineBreaks(raw).trim().slice(0, MAX_DOCUMENT_TEXT_LENGTH);
  const paragraphs = text
    .split(/\n[^\S\n]*\n\s*/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph): ParagraphNode => {
      const content: InlineNode[] = [];
      paragraph.split("\n").forEach((line, index) => {
        if (index > 0) content.push({ type: "hardBreak" });
        if (line !== "") content.push({ type: "text", text: line });
      });
      return { type: "paragraph", content };
    });
  const json: RichTextDocument = { type: "doc", content: paragraphs.length ? paragraphs : [{ type: "paragraph" }] };
  return { json, html: renderStoredHtml(json), text };
}
