import { describe, expect, it } from "vitest";

import {
  DOCUMENT_MARK_TYPES,
  DOCUMENT_NODE_TYPES,
  emptyDocument,
  isDocumentEmpty,
  MAX_DOCUMENT_NODES,
  MAX_DOCUMENT_TEXT_LENGTH,
  richTextDocumentSchema,
  textToDocument,
} from "./document-schema";
import { getRichTextSchema } from "./extensions";

const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const doc = (...content: unknown[]) => ({ type: "doc", content });

// The shape the editor's getJSON() produces, including ProseMirror's default attributes.
const editorDocument = doc(
  paragraph(
    text("Hi "),
    { type: "variable", attrs: { name: "first_name", fallback: "there" } },
    text(", see "),
    text("pricing", [
      {
        type: "link",
        attrs: { href: "https://example.com", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null },
      },
      { type: "bold" },
    ]),
    { type: "hardBreak" },
    text("thanks", [{ type: "italic" }]),
  ),
  {
    type: "orderedList",
    attrs: { start: 1, type: null },
    content: [
      { type: "listItem", content: [paragraph(text("one")), { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("nested"))] }] }] },
    ],
  },
);

function issues(value: unknown): string[] {
  const result = richTextDocumentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("richTextDocumentSchema", () => {
  it("accepts what the editor produces", () => {
    expect(richTextDocumentSchema.parse(editorDocument)).toEqual(editorDocument);
    expect(richTextDocumentSchema.parse(emptyDocument())).toEqual(emptyDocument());
  });

  it("defaults a missing fallback attribute to null", () => {
    const parsed = richTextDocumentSchema.parse(doc(paragraph({ type: "variable", attrs: { name: "email" } })));
    expect(parsed.content[0]).toEqual({ type: "paragraph", content: [{ type: "variable", attrs: { name: "email", fallback: null } }] });
  });

  it("lists exactly the node and mark types of the shared extension list", () => {
    const schema = getRichTextSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual([...DOCUMENT_NODE_TYPES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...DOCUMENT_MARK_TYPES].sort());
  });

  it("rejects node types the editor does not support", () => {
    for (const node of [
      { type: "heading", attrs: { level: 1 }, content: [text("Title")] },
      { type: "codeBlock", content: [text("x")] },
      { type: "blockquote", content: [paragraph(text("x"))] },
      { type: "image", attrs: { src: "https://example.com/a.png" } },
    ]) {
      expect(richTextDocumentSchema.safeParse(doc(node)).success, node.type).toBe(false);
    }
    expect(richTextDocumentSchema.safeParse(doc(paragraph({ type: "mention", attrs: { id: "x" } }))).success).toBe(false);
  });

  it("rejects unsupported marks and unknown attributes", () => {
    expect(richTextDocumentSchema.safeParse(doc(paragraph(text("x", [{ type: "strike" }])))).success).toBe(false);
    expect(richTextDocumentSchema.safeParse(doc(paragraph(text("x", [{ type: "underline" }])))).success).toBe(false);
    expect(
      richTextDocumentSchema.safeParse(doc({ type: "paragraph", attrs: { style: "color:red" }, content: [text("x")] })).success,
    ).toBe(false);
    expect(richTextDocumentSchema.safeParse({ ...doc(paragraph(text("x"))), onload: "alert(1)" }).success).toBe(false);
  });

  it("rejects unsafe links", () => {
    for (const href of ["javascript:alert(1)", "data:text/html,x", "/relative"]) {
      const linked = doc(paragraph(text("x", [{ type: "link", attrs: { href } }])));
      expect(issues(linked), href).toContain("Links must be http, https, mailto or tel");
    }
  });

  it("rejects invalid variables", () => {
    expect(richTextDocumentSchema.safeParse(doc(paragraph({ type: "variable", attrs: { name: "bad name", fallback: null } }))).success).toBe(false);
    expect(
      richTextDocumentSchema.safeParse(doc(paragraph({ type: "variable", attrs: { name: "a", fallback: "x".repeat(201) } }))).success,
    ).toBe(false);
  });

  it("enforces content rules through the ProseMirror schema", () => {
    // The shape is fine, but a list item must start with a paragraph.
    const listFirst = doc({
      type: "bulletList",
      content: [{ type: "listItem", content: [{ type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("x"))] }] }] }],
    });
    expect(issues(listFirst).join()).toMatch(/Invalid document structure/);
    const duplicateMarks = doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }])));
    expect(issues(duplicateMarks).join()).toMatch(/Invalid document structure/);
    expect(richTextDocumentSchema.safeParse(doc()).success).toBe(false);
    expect(richTextDocumentSchema.safeParse(doc(paragraph(text(""))))).toMatchObject({ success: false });
  });

  it("rejects oversized documents", () => {
    const tooManyNodes = doc(...Array.from({ length: MAX_DOCUMENT_NODES + 1 }, () => paragraph(text("x"))));
    expect(issues(tooManyNodes).join()).toMatch(/more than 5000 nodes/);
    const tooMuchText = doc(paragraph(text("x".repeat(MAX_DOCUMENT_TEXT_LENGTH / 2))), paragraph(text("y".repeat(MAX_DOCUMENT_TEXT_LENGTH / 2 + 1))));
    expect(issues(tooMuchText).join()).toMatch(/more than 20000 characters/);
  });

  it("rejects a very deep document without overflowing the stack", () => {
    let node: unknown = paragraph(text("deep"));
    for (let i = 0; i < 100_000; i++) node = { type: "bulletList", content: [{ type: "listItem", content: [node] }] };
    expect(issues(doc(node)).join()).toMatch(/nested deeper than 12 levels/);
  });

  it("rejects non-documents", () => {
    for (const value of [null, "text", 42, [], { type: "paragraph" }, { type: "doc", content: "x" }]) {
      expect(richTextDocumentSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});

describe("textToDocument", () => {
  it("turns blank-line separated text into paragraphs and single newlines into hard breaks", () => {
    expect(textToDocument("First line\nsecond line\n\n\nNext paragraph\r\n")).toEqual(
      doc(
        paragraph(text("First line"), { type: "hardBreak" }, text("second line")),
        paragraph(text("Next paragraph")),
      ),
    );
  });

  it("turns variables into variable nodes", () => {
    expect(textToDocument('Hi {{first_name | fallback: "there"}}, it is {{ company }}.')).toEqual(
      doc(
        paragraph(
          text("Hi "),
          { type: "variable", attrs: { name: "first_name", fallback: "there" } },
          text(", it is "),
          { type: "variable", attrs: { name: "company", fallback: null } },
          text("."),
        ),
      ),
    );
  });

  it("keeps malformed placeholders as text", () => {
    expect(textToDocument("Hi {{ }} and {{first_name")).toEqual(doc(paragraph(text("Hi {{ }} and {{first_name"))));
  });

  it("produces a valid document, and an empty one for blank input", () => {
    expect(richTextDocumentSchema.safeParse(textToDocument("a\nb\n\n{{email}}")).success).toBe(true);
    expect(textToDocument("  \n\n ")).toEqual(emptyDocument());
    expect(richTextDocumentSchema.safeParse(textToDocument("")).success).toBe(true);
  });
});

describe("isDocumentEmpty", () => {
  it("is true only when nothing would be shown", () => {
    expect(isDocumentEmpty(emptyDocument())).toBe(true);
    expect(isDocumentEmpty(textToDocument("   "))).toBe(true);
    expect(isDocumentEmpty(richTextDocumentSchema.parse(doc(paragraph(text("  ")), paragraph({ type: "hardBreak" }))))).toBe(true);
    expect(isDocumentEmpty(textToDocument("{{first_name}}"))).toBe(false);
    expect(isDocumentEmpty(richTextDocumentSchema.parse(editorDocument))).toBe(false);
    expect(
      isDocumentEmpty(
        richTextDocumentSchema.parse(doc({ type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("x"))] }] })),
      ),
    ).toBe(false);
  });
});
