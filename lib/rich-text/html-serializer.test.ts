import { generateHTML, generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";

import { richTextDocumentSchema } from "./document-schema";
import { richTextExtensions } from "./extensions";
import { escapeHtml, serializeHtml } from "./html-serializer";

// Tiptap's reference renderer (it uses happy-dom, a peer dependency of @tiptap/html) keeps our
// string serializer honest: for a valid document both must produce the same markup.
describe("serializeHtml", () => {
  const doc = richTextDocumentSchema.parse({
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Hi <you> & friends, " },
          { type: "text", text: "bold ", marks: [{ type: "bold" }] },
          { type: "text", text: "both", marks: [{ type: "bold" }, { type: "italic" }] },
          { type: "hardBreak" },
          {
            type: "text",
            text: "link",
            marks: [
              { type: "link", attrs: { href: "https://example.com/?q=a&b", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null } },
            ],
          },
          { type: "variable", attrs: { name: "first_name", fallback: "there" } },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 2, type: null },
        content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }] }],
      },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
    ],
  });

  it("matches Tiptap's generateHTML for the shared extension list", () => {
    const variableAsTiptap = (v: { name: string; fallback: string | null }) =>
      `<span data-variable="${escapeHtml(v.name)}"${v.fallback === null ? "" : ` data-fallback="${escapeHtml(v.fallback)}"`}>{{${escapeHtml(v.name)}}}</span>`;
    expect(serializeHtml(doc, variableAsTiptap)).toBe(generateHTML(doc, richTextExtensions));
  });

  it("escapes quotes in text, which Tiptap leaves bare, without changing the parsed content", () => {
    const quoted = richTextDocumentSchema.parse({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: `say "hi" it's <b>` }] }],
    });
    const ours = serializeHtml(quoted, () => "");
    expect(ours).toBe("<p>say &quot;hi&quot; it&#39;s &lt;b&gt;</p>");
    expect(generateJSON(ours, richTextExtensions)).toEqual(quoted);
  });

  it("serializes the variable node as the documented span and parses it back", () => {
    const html = generateHTML(doc, richTextExtensions);
    expect(html).toContain('<span data-variable="first_name" data-fallback="there">{{first_name}}</span>');
    const parsed = generateJSON('<p>Hi <span data-variable="sender.name">{{sender.name}}</span></p>', richTextExtensions);
    expect(parsed).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Hi " },
            { type: "variable", attrs: { name: "sender.name", fallback: null } },
          ],
        },
      ],
    });
  });

  it("drops what the schema does not support when parsing pasted HTML", () => {
    const parsed = generateJSON(
      '<h1 style="color:red">Title</h1><p><s>gone</s> <u>under</u> <a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><script>alert(1)</script><span data-variable="bad name">{{bad name}}</span></p>',
      richTextExtensions,
    );
    expect(richTextDocumentSchema.safeParse(parsed).success).toBe(true);
    expect(JSON.stringify(parsed)).not.toMatch(/javascript|script|img|heading|strike|underline|"variable"/);
  });
});
