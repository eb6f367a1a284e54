import type { BlockNode, InlineNode, RichTextDocument, TextNode } from "./document-schema";
import { mapInlineNodes } from "./document-walk";
import { expandTextPlaceholders } from "./expand-placeholders";
import { escapeHtml, serializeHtml } from "./html-serializer";
import { serializePlainText } from "./plain-text-serializer";
import { resolveVariable, type RenderContext } from "./render-context";
import { formatVariable, normalizeFallback, type VariableReference } from "./variable-syntax";

export type RenderedMessage = {
  ok: true;
  /** The document with every variable replaced by text: what is stored as the message body. */
  json: RichTextDocument;
  html: string;
  text: string;
};

export type RenderFailure = {
  ok: false;
  /** Variables with no value for this contact and no fallback. */
  missing: string[];
  /** Complete but malformed placeholders such as "{{ }}", which must not be sent raw. */
  invalid: string[];
};

export type RenderResult = RenderedMessage | RenderFailure;

function valueOrFallback(variable: VariableReference, context: RenderContext): string | null {
  return resolveVariable(variable.name, context) ?? normalizeFallback(variable.fallback);
}

function sameMarks(a: InlineNode, b: InlineNode): boolean {
  return JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);
}

// Substituting variables leaves runs like "Hi " + "Ada" + "!" as separate text nodes; merging them
// stores the same document the editor would have produced had the text been typed.
function mergeAdjacentText(doc: RichTextDocument): RichTextDocument {
  const mergeRun = (nodes: InlineNode[]): InlineNode[] => {
    const merged: InlineNode[] = [];
    for (const node of nodes) {
      const previous = merged.at(-1);
      if (node.type === "text" && previous?.type === "text" && sameMarks(previous, node)) {
        merged[merged.length - 1] = { ...previous, text: previous.text + node.text } satisfies TextNode;
      } else merged.push(node);
    }
    return merged;
  };
  const mergeBlock = (block: BlockNode): BlockNode => {
    if (block.type === "paragraph") return block.content ? { ...block, content: mergeRun(block.content) } : block;
    return {
      ...block,
      content: block.content.map((item) => ({ ...item, content: item.content.map(mergeBlock) })),
    };
  };
  return { ...doc, content: doc.content.map(mergeBlock) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Personalises a message for one contact. Fails, rather than sending a hole, when a variable has
 * neither a value nor a fallback, or when the text holds a malformed "{{...}}".
 */
export function renderMessage(doc: RichTextDocument, context: RenderContext): RenderResult {
  const { doc: expanded, problems } = expandTextPlaceholders(doc);
  const missing: string[] = [];
  const substituted = mapInlineNodes(expanded, (node): InlineNode[] => {
    if (node.type !== "variable") return [node];
    const value = valueOrFallback(node.attrs, context);
    if (value === null) {
      missing.push(node.attrs.name);
      return [];
    }
    return [node.marks ? { type: "text", text: value, marks: node.marks } : { type: "text", text: value }];
  });
  if (missing.length > 0 || problems.length > 0) {
    return { ok: false, missing: unique(missing), invalid: unique(problems.map((p) => p.raw)) };
  }
  const json = mergeAdjacentText(substituted);
  return {
    ok: true,
    json,
    html: serializeHtml(json, () => ""),
    text: serializePlainText(json, () => ""),
  };
}

/**
 * HTML for a stored message body. Bodies are stored after renderMessage so they hold no variables;
 * should one remain, its fallback is shown or it is dropped, never its raw name.
 */
export function renderStoredHtml(doc: RichTextDocument): string {
  // The identity walk drops malformed blocks, since stored rows are read without re-validation.
  const sound = mapInlineNodes(doc, (node) => [node]);
  return serializeHtml(sound, (variable) => escapeHtml(normalizeFallback(variable.fallback) ?? ""));
}

/**
 * Plain text of a document with variables kept in the {{name | fallback: "..."}} syntax, so it
 * round-trips through textToDocument. For the text actually sent to a contact use
 * renderMessage(...).text.
 */
export function documentToPlainText(doc: RichTextDocument): string {
  return serializePlainText(doc, formatVariable);
}

export type MessagePreview = {
  html: string;
  /** Variables that would have no value for this contact; a real send would fail on them. */
  missing: string[];
  invalid: string[];
};

/**
 * Renders a live preview: like renderMessage, but a missing variable is shown in place as
 * <mark data-missing>name</mark> so the builder sees where the hole is.
 */
export function previewMessage(doc: RichTextDocument, context: RenderContext): MessagePreview {
  const { doc: expanded, problems } = expandTextPlaceholders(doc);
  const missing: string[] = [];
  const html = serializeHtml(expanded, (variable) => {
    const value = valueOrFallback(variable, context);
    if (value !== null) return escapeHtml(value);
    missing.push(variable.name);
    return `<mark data-missing>${escapeHtml(variable.name)}</mark>`;
  });
  return { html, missing: unique(missing), invalid: unique(problems.map((p) => p.raw)) };
}

export type FilledDocument = {
  /** The document with every variable that has a value (or a fallback) replaced by its text. */
  doc: RichTextDocument;
  /** Variables left in it: no value for this contact and no fallback. Gaps for a person to fill; a send refuses them. */
  gaps: string[];
};

/**
 * Fills a document in for one contact as far as it can, for a person to finish (a saved reply
 * inserted in the composer): the same substitution as renderMessage, but a variable with neither
 * value nor fallback stays in place as a variable (shown as a gap) instead of failing the whole.
 * Malformed "{{...}}" text stays text; renderMessage refuses it at send.
 */
export function fillVariables(doc: RichTextDocument, context: RenderContext): FilledDocument {
  const { doc: expanded } = expandTextPlaceholders(doc);
  const gaps: string[] = [];
  const filled = mapInlineNodes(expanded, (node): InlineNode[] => {
    if (node.type !== "variable") return [node];
    const value = valueOrFallback(node.attrs, context);
    if (value === null) {
      gaps.push(node.attrs.name);
      return [node];
    }
    return [node.marks ? { type: "text", text: value, marks: node.marks } : { type: "text", text: value }];
  });
  return { doc: mergeAdjacentText(filled), gaps: unique(gaps) };
}
