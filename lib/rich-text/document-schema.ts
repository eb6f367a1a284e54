import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { z } from "zod";

import { getRichTextSchema } from "./extensions";
import { isSafeHref, MAX_HREF_LENGTH } from "./safe-href";
import { isValidVariableName, MAX_FALLBACK_LENGTH, parseTemplate } from "./variable-syntax";
import { normalizeLineBreaks } from "@/lib/validation/text";

// Bounds keep a hostile or buggy client from storing (or making the server walk) a huge document.
// Depth 12 leaves room for four levels of nested lists.
export const MAX_DOCUMENT_DEPTH = 12;
export const MAX_DOCUMENT_NODES = 5_000;
export const MAX_DOCUMENT_TEXT_LENGTH = 20_000;

// The types are written out because zod cannot infer recursive types; the schemas below are
// checked against them, and RichTextDocument itself comes from z.infer.
export type BoldMark = { type: "bold" };
export type ItalicMark = { type: "italic" };
export type LinkMark = {
  type: "link";
  attrs: {
    href: string;
    target?: string | null | undefined;
    rel?: string | null | undefined;
    class?: string | null | undefined;
    title?: string | null | undefined;
  };
};
export type RichTextMark = BoldMark | ItalicMark | LinkMark;

type Marked = { marks?: RichTextMark[] | undefined };
export type TextNode = { type: "text"; text: string } & Marked;
export type HardBreakNode = { type: "hardBreak" } & Marked;
export type VariableNodeJson = {
  type: "variable";
  attrs: { name: string; fallback: string | null };
} & Marked;
export type InlineNode = TextNode | HardBreakNode | VariableNodeJson;

export type ParagraphNode = { type: "paragraph"; content?: InlineNode[] | undefined };
export type ListItemNode = { type: "listItem"; content: BlockNode[] };
export type BulletListNode = { type: "bulletList"; content: ListItemNode[] };
export type OrderedListNode = {
  type: "orderedList";
  attrs?: { start?: number | undefined; type?: string | null | undefined } | undefined;
  content: ListItemNode[];
};
export type BlockNode = ParagraphNode | BulletListNode | OrderedListNode;

// Tiptap omits attrs on nodes without attributes, but some clients send "attrs": {}.
const noAttrs = z.strictObject({}).optional();

const markSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("bold"), attrs: noAttrs }),
  z.strictObject({ type: z.literal("italic"), attrs: noAttrs }),
  z.strictObject({
    type: z.literal("link"),
    attrs: z.strictObject({
      href: z.string().max(MAX_HREF_LENGTH).refine(isSafeHref, "Links must be http, https, mailto or tel"),
      target: z.string().max(20).nullish(),
      rel: z.string().max(100).nullish(),
      class: z.string().max(100).nullish(),
      title: z.string().max(500).nullish(),
    }),
  }),
]);
const marksSchema = z.array(markSchema).max(3).optional();

const inlineNodeSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("text"),
    text: z.string().min(1).max(MAX_DOCUMENT_TEXT_LENGTH),
    marks: marksSchema,
  }),
  z.strictObject({ type: z.literal("hardBreak"), attrs: noAttrs, marks: marksSchema }),
  z.strictObject({
    type: z.literal("variable"),
    attrs: z.strictObject({
      name: z.string().refine(isValidVariableName, "Invalid variable name"),
      fallback: z.string().max(MAX_FALLBACK_LENGTH).nullable().default(null),
    }),
    marks: marksSchema,
  }),
]);

const paragraphSchema = z.strictObject({
  type: z.literal("paragraph"),
  attrs: noAttrs,
  content: z.array(inlineNodeSchema).max(MAX_DOCUMENT_NODES).optional(),
});

const listItemSchema: z.ZodType<ListItemNode> = z.lazy(() =>
  z.strictObject({
    type: z.literal("listItem"),
    attrs: noAttrs,
    content: z.array(blockNodeSchema).min(1).max(MAX_DOCUMENT_NODES),
  }),
);

const bulletListSchema = z.strictObject({
  type: z.literal("bulletList"),
  attrs: noAttrs,
  content: z.array(listItemSchema).min(1).max(MAX_DOCUMENT_NODES),
});

const orderedListSchema = z.strictObject({
  type: z.literal("orderedList"),
  attrs: z
    .strictObject({
      start: z.number().int().min(0).max(1_000_000).optional(),
      type: z.string().max(10).nullish(),
    })
    .optional(),
  content: z.array(listItemSchema).min(1).max(MAX_DOCUMENT_NODES),
});

const blockNodeSchema: z.ZodType<BlockNode> = z.discriminatedUnion("type", [
  paragraphSchema,
  bulletListSchema,
  orderedListSchema,
]);

/** Node and mark type names this schema accepts; a test keeps them equal to the extension list's. */
export const DOCUMENT_NODE_TYPES = [
  "doc",
  "paragraph",
  "text",
  "hardBreak",
  "bulletList",
  "orderedList",
  "listItem",
  "variable",
] as const;
export const DOCUMENT_MARK_TYPES = ["bold", "italic", "link"] as const;

type Measure = { depthExceeded: boolean; nodes: number; textLength: number };

// Runs before the structural schema so that a 100k-deep or million-node payload is refused in
// linear time without recursion (zod itself would recurse and could overflow the stack).
function measure(value: unknown): Measure {
  const result: Measure = { depthExceeded: false, nodes: 0, textLength: 0 };
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    result.nodes += 1;
    if (depth > MAX_DOCUMENT_DEPTH) result.depthExceeded = true;
    if (result.depthExceeded || result.nodes > MAX_DOCUMENT_NODES) return result;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === "string") {
      result.textLength += text.length;
      if (result.textLength > MAX_DOCUMENT_TEXT_LENGTH) return result;
    }
    if (Array.isArray(content)) {
      if (content.length > MAX_DOCUMENT_NODES) {
        result.nodes += content.length;
        return result;
      }
      for (const child of content) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return result;
}

const docShapeSchema = z.strictObject({
  type: z.literal("doc"),
  attrs: noAttrs,
  content: z.array(blockNodeSchema).min(1).max(MAX_DOCUMENT_NODES),
});

/**
 * A Tiptap JSON document restricted to what the shared extension list supports. Beyond the shape,
 * the document is rebuilt with the real ProseMirror schema, so content rules the shape cannot
 * express (a list item starts with a paragraph, no duplicate marks) are enforced by the same code
 * the editor runs.
 */
export const richTextDocumentSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const size = measure(value);
    if (size.depthExceeded) {
      ctx.addIssue({ code: "custom", message: `Document is nested deeper than ${MAX_DOCUMENT_DEPTH} levels` });
    } else if (size.nodes > MAX_DOCUMENT_NODES) {
      ctx.addIssue({ code: "custom", message: `Document has more than ${MAX_DOCUMENT_NODES} nodes` });
    } else if (size.textLength > MAX_DOCUMENT_TEXT_LENGTH) {
      ctx.addIssue({
        code: "custom",
        message: `Document has more than ${MAX_DOCUMENT_TEXT_LENGTH} characters`,
      });
    }
  })
  .pipe(
    docShapeSchema.superRefine((doc, ctx) => {
      try {
        ProseMirrorNode.fromJSON(getRichTextSchema(), doc).check();
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `Invalid document structure: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }),
  );

export type RichTextDocument = z.infer<typeof richTextDocumentSchema>;

export function emptyDocument(): RichTextDocument {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** True when the document has nothing a contact would see: no visible text and no variable. */
export function isDocumentEmpty(doc: RichTextDocument): boolean {
  const pending: Array<BlockNode | ListItemNode | InlineNode> = [...doc.content];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === "variable") return false;
    if (node.type === "text" && node.text.trim() !== "") return false;
    if ("content" in node && node.content) pending.push(...node.content);
  }
  return true;
}

function textToInline(text: string): InlineNode[] {
  const inline: InlineNode[] = [];
  text.split("\n").forEach((line, index) => {
    if (index > 0) inline.push({ type: "hardBreak" });
    for (const segment of parseTemplate(line).segments) {
      if (segment.type === "text") inline.push({ type: "text", text: segment.text });
      else inline.push({ type: "variable", attrs: { name: segment.name, fallback: segment.fallback } });
    }
  });
  return inline;
}

/**
 * Plain text (e.g. from the public API) to a document: blank lines separate paragraphs, single
 * newlines become hard breaks, and well-formed {{variables}} become variable nodes. Malformed
 * placeholders stay as text; renderMessage refuses them later, so nothing raw is ever sent.
 * The result is not bounded: validate it with richTextDocumentSchema at the boundary.
 */
export function textToDocument(text: string): RichTextDocument {
  const normalized = normalizeLineBreaks(text).replace(/^\n+|\n+$/g, "");
  const paragraphs = normalized
    .split(/\n[^\S\n]*\n\s*/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph): ParagraphNode => {
      const content = textToInline(paragraph);
      return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
    });
  return paragraphs.length > 0 ? { type: "doc", content: paragraphs } : emptyDocument();
}
