// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";

import { richTextDocumentSchema } from "./document-schema";
import { richTextExtensions } from "./extensions";

// A real headless editor with the shared extension list: turning typed and pasted text into chips is editor
// behaviour, so they are tested through ProseMirror rather than by calling the regex.
let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function createEditor(): Editor {
  editor = new Editor({ extensions: richTextExtensions, element: document.createElement("div") });
  return editor;
}

function type(target: Editor, text: string) {
  for (const char of text) {
    const { from, to } = target.state.selection;
    const handled = target.view.someProp("handleTextInput", (handler) => handler(target.view, from, to, char, () => target.state.tr.insertText(char, from, to)));
    if (!handled) target.view.dispatch(target.state.tr.insertText(char, from, to));
  }
}

function paragraphContent(target: Editor) {
  return (target.getJSON().content?.[0]?.content ?? []) as unknown[];
}

describe("variable node in the editor", () => {
  it("turns a typed {{first_name}} into a variable chip", () => {
    const target = createEditor();
    type(target, "Hi {{first_name}}");
    expect(paragraphContent(target)).toEqual([
      { type: "text", text: "Hi " },
      { type: "variable", attrs: { name: "first_name", fallback: null } },
    ]);
  });

  it("keeps the fallback of a typed variable", () => {
    const target = createEditor();
    type(target, '{{ company | fallback: "your team" }}');
    expect(paragraphContent(target)).toEqual([{ type: "variable", attrs: { name: "company", fallback: "your team" } }]);
  });

  it("leaves malformed braces as text", () => {
    const target = createEditor();
    type(target, "{{ }} {{first name}}");
    expect(paragraphContent(target)).toEqual([{ type: "text", text: "{{ }} {{first name}}" }]);
  });

  it("turns pasted placeholders into chips", () => {
    const target = createEditor();
    target.view.pasteText('Dear {{first_name | fallback: "friend"}}, from {{sender.name}}');
    expect(paragraphContent(target)).toEqual([
      { type: "text", text: "Dear " },
      { type: "variable", attrs: { name: "first_name", fallback: "friend" } },
      { type: "text", text: ", from " },
      { type: "variable", attrs: { name: "sender.name", fallback: null } },
    ]);
  });

  it("reduces pasted HTML to the supported schema", () => {
    const target = createEditor();
    target.view.pasteHTML(
      '<h2 style="font-size:40px">Big</h2><p style="color:red"><s>struck</s> <a href="javascript:alert(1)">bad</a> <a href="https://example.com">good</a></p><pre><code>x</code></pre>',
    );
    const json = target.getJSON();
    expect(richTextDocumentSchema.safeParse(json).success).toBe(true);
    const serialized = JSON.stringify(json);
    expect(serialized).toContain("https://example.com");
    expect(serialized).not.toMatch(/javascript|heading|codeBlock|strike|color/);
  });

  it("copies a chip as its template syntax", () => {
    const target = createEditor();
    target.commands.setContent({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "variable", attrs: { name: "first_name", fallback: 'the "team"' } }] }],
    });
    expect(target.getText()).toBe('{{first_name | fallback: "the \\"team\\""}}');
  });

  it("refuses unsafe link commands", () => {
    const target = createEditor();
    type(target, "x");
    target.commands.selectAll();
    expect(target.commands.setLink({ href: "javascript:alert(1)" })).toBe(false);
    expect(target.commands.setLink({ href: "https://example.com" })).toBe(true);
  });
});
