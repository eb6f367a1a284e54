// @vitest-environment happy-dom
import type { Editor } from "@tiptap/core";
import { act, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { textToDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { MessageEditor } from "./message-editor";

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
let container: HTMLDivElement | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  container?.remove();
});

async function renderEditor(initial: RichTextDocument, onChange = vi.fn(), customVariables?: string[]) {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <>
        <span id="message-label">Message</span>
        <MessageEditor
          id="message"
          ariaLabelledBy="message-label"
          value={value}
          customVariables={customVariables}
          onChange={(next) => {
            setValue(next);
            onChange(next);
          }}
        />
      </>
    );
  }
  await act(async () => root!.render(<Harness />));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
  const textbox = document.getElementById("message")!;
  const editor = (textbox as unknown as { editor: Editor }).editor;
  return { textbox, editor, onChange };
}

function button(label: string): HTMLButtonElement {
  const found = document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  if (!found) throw new Error(`no button labelled ${label}`);
  return found;
}

async function typeText(editor: Editor, text: string) {
  for (const char of text) {
    await act(async () => {
      const { from, to } = editor.state.selection;
      const handled = editor.view.someProp("handleTextInput", (handler) =>
        handler(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)),
      );
      if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to));
    });
  }
}

function labelledInput(label: string): HTMLInputElement {
  const labelElement = [...document.querySelectorAll("label")].find((element) => element.textContent === label);
  const input = labelElement && document.getElementById(labelElement.htmlFor);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input labelled ${label}`);
  return input;
}

async function fill(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

async function clickButtonWithText(text: string) {
  const found = [...document.querySelectorAll("button")].find((element) => element.textContent === text);
  if (!found) throw new Error(`no button with text ${text}`);
  await act(async () => found.click());
}

async function pressKey(editor: Editor, key: string) {
  await act(async () => {
    editor.view.dom.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });
}

describe("MessageEditor", () => {
  it("exposes an accessible, labelled multi-line textbox", async () => {
    const { textbox } = await renderEditor(textToDocument("Hello"));
    expect(textbox.getAttribute("role")).toBe("textbox");
    expect(textbox.getAttribute("aria-multiline")).toBe("true");
    expect(textbox.getAttribute("aria-labelledby")).toBe("message-label");
    expect(textbox.getAttribute("contenteditable")).toBe("true");
    expect(textbox.textContent).toBe("Hello");
  });

  it("emits plain objects, so the document survives a server action call", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Hi {{first_name}}"));
    await act(async () => editor.commands.insertContent("!"));
    const emitted = onChange.mock.lastCall![0] as RichTextDocument;
    const prototypes: unknown[] = [];
    JSON.stringify(emitted, (_key, value: unknown) => {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) prototypes.push(Object.getPrototypeOf(value));
      return value;
    });
    expect(prototypes.length).toBeGreaterThan(3);
    expect(prototypes.every((prototype) => prototype === Object.prototype)).toBe(true);
  });

  it("has a toolbar of labelled buttons, with aria-pressed on toggles", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Hello"));
    for (const label of ["Bold", "Italic", "Link", "Bulleted list", "Numbered list", "Emoji", "Insert variable"]) {
      expect(button(label).tagName).toBe("BUTTON");
    }
    expect(button("Bold").getAttribute("aria-pressed")).toBe("false");
    expect(button("Emoji").hasAttribute("aria-pressed")).toBe(false);

    await act(async () => editor.commands.selectAll());
    await act(async () => button("Bold").click());
    expect(button("Bold").getAttribute("aria-pressed")).toBe("true");
    expect(onChange).toHaveBeenLastCalledWith({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Hello", marks: [{ type: "bold" }] }] }],
    });

    await act(async () => button("Numbered list").click());
    expect(button("Numbered list").getAttribute("aria-pressed")).toBe("true");
    expect(onChange.mock.lastCall?.[0].content[0].type).toBe("orderedList");
  });

  it("renders variables as chips that show their fallback", async () => {
    await renderEditor(textToDocument('Hi {{first_name | fallback: "there"}} on {{plan}}'));
    expect(button("Variable First name, fallback there. Edit")).toBeTruthy();
    expect(button("Variable plan, no fallback. Edit")).toBeTruthy();
  });

  it("offers variables after typing {{ and inserts the chosen one with the keyboard", async () => {
    const { editor, textbox, onChange } = await renderEditor(textToDocument("Hi "), vi.fn(), ["plan"]);
    await act(async () => editor.commands.focus("end"));
    await typeText(editor, "{{p");

    const listbox = document.querySelector('[role="listbox"]');
    expect(listbox?.getAttribute("aria-label")).toBe("Variables");
    const options = [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent);
    expect(options).toEqual(["Phone{{phone}}", "Company{{company}}", "plan{{plan}}"]);
    expect(textbox.getAttribute("aria-activedescendant")).toBe(document.querySelector('[role="option"]')?.id);

    // ArrowUp from the first option wraps to the last.
    await pressKey(editor, "ArrowUp");
    expect(document.querySelector('[role="option"][aria-selected="true"]')?.textContent).toBe("plan{{plan}}");
    await pressKey(editor, "Enter");

    expect(document.querySelector('[role="listbox"]')).toBeNull();
    expect(textbox.hasAttribute("aria-activedescendant")).toBe(false);
    expect(onChange.mock.lastCall?.[0].content[0].content).toEqual([
      { type: "text", text: "Hi " },
      { type: "variable", attrs: { name: "plan", fallback: null } },
    ]);
  });

  it("adds nothing after a variable picked from the {{ list: the next character typed follows the chip", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Hi "));
    await act(async () => editor.commands.focus("end"));
    await typeText(editor, "{{first");
    await pressKey(editor, "Enter");
    await typeText(editor, ", just checking in");
    expect(onChange.mock.lastCall?.[0].content[0].content).toEqual([
      { type: "text", text: "Hi " },
      { type: "variable", attrs: { name: "first_name", fallback: null } },
      { type: "text", text: ", just checking in" },
    ]);
  });

  it("turns a typed variable with a fallback into one chip", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Hi "));
    await act(async () => editor.commands.focus("end"));
    await typeText(editor, '{{first_name | fallback: "there"}}');
    expect(onChange.mock.lastCall?.[0].content[0].content).toEqual([
      { type: "text", text: "Hi " },
      { type: "variable", attrs: { name: "first_name", fallback: "there" } },
    ]);
  });

  it("closes the suggestion list with Escape", async () => {
    const { editor } = await renderEditor(textToDocument("Hi "));
    await act(async () => editor.commands.focus("end"));
    await typeText(editor, "{{");
    expect(document.querySelector('[role="listbox"]')).not.toBeNull();
    await pressKey(editor, "Escape");
    expect(document.querySelector('[role="listbox"]')).toBeNull();
  });

  it("adopts a new value from the parent without echoing it back", async () => {
    const onChange = vi.fn();
    container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    const render = (value: RichTextDocument) =>
      act(async () => root!.render(<MessageEditor id="controlled" value={value} onChange={onChange} />));
    await render(textToDocument("first"));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    await render(textToDocument("second"));
    expect(document.getElementById("controlled")?.textContent).toBe("second");
    expect(onChange).not.toHaveBeenCalled();
  });

  describe("placeholder", () => {
    const placeholder = "Write a message… type {{ for a variable";
    const placeholderShown = () => [...document.querySelectorAll("span")].some((span) => span.textContent === placeholder);
    const render = (value: RichTextDocument) =>
      act(async () => root!.render(<MessageEditor id="placeholder-test" value={value} onChange={() => {}} placeholder={placeholder} />));
    const mount = async (value: RichTextDocument) => {
      container = document.createElement("div");
      document.body.append(container);
      root = createRoot(container);
      await render(value);
      await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    };

    it("is not drawn over a message that opens with content", async () => {
      await mount(textToDocument("Hello world"));
      expect(document.getElementById("placeholder-test")?.textContent).toBe("Hello world");
      expect(placeholderShown()).toBe(false);
    });

    it("shows on an empty message, and goes when content arrives after mount", async () => {
      await mount(textToDocument(""));
      expect(placeholderShown()).toBe(true);
      await render(textToDocument("Loaded later"));
      expect(document.getElementById("placeholder-test")?.textContent).toBe("Loaded later");
      expect(placeholderShown()).toBe(false);
      await render(textToDocument(""));
      expect(placeholderShown()).toBe(true);
    });
  });

  it("edits a variable's fallback from its chip", async () => {
    const { onChange } = await renderEditor(textToDocument("Hi {{first_name}}"));
    await act(async () => button("Variable First name, no fallback. Edit").click());
    const input = labelledInput("Fallback");
    await fill(input, "there");
    await clickButtonWithText("Save");
    expect(onChange.mock.lastCall?.[0].content[0].content[1]).toEqual({
      type: "variable",
      attrs: { name: "first_name", fallback: "there" },
    });
    expect(button("Variable First name, fallback there. Edit")).toBeTruthy();
  });

  it("adds a link through the URL form and refuses unsafe addresses", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Pricing"));
    await act(async () => editor.commands.selectAll());
    await act(async () => button("Link").click());
    const input = labelledInput("URL");

    await fill(input, "javascript:alert(1)");
    await clickButtonWithText("Apply");
    expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/web address/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(onChange).not.toHaveBeenCalled();

    await fill(input, "example.com/pricing");
    await clickButtonWithText("Apply");
    expect(onChange.mock.lastCall?.[0].content[0].content[0]).toMatchObject({
      text: "Pricing",
      marks: [{ type: "link", attrs: { href: "https://example.com/pricing" } }],
    });
    expect(button("Link").getAttribute("aria-pressed")).toBe("true");
  });

  it("inserts an emoji from the picker", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Thanks"));
    await act(async () => editor.commands.focus("end"));
    await act(async () => button("Emoji").click());
    expect(document.querySelectorAll('[role="group"][aria-label="Emoji"] button').length).toBe(40);
    await act(async () => button("thumbs up").click());
    expect(onChange.mock.lastCall?.[0].content[0].content).toEqual([{ type: "text", text: "Thanks👍" }]);
  });

  it("inserts a custom attribute from the Insert variable menu", async () => {
    const { editor, onChange } = await renderEditor(textToDocument("Plan: "), vi.fn(), ["plan"]);
    await act(async () => editor.commands.focus("end"));
    const trigger = button("Insert variable");
    await act(async () => {
      trigger.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    });
    const item = [...document.querySelectorAll('[role="menuitem"]')].find((element) => element.textContent === "plan{{plan}}");
    expect(item).toBeTruthy();
    await act(async () => (item as HTMLElement).click());
    expect(onChange.mock.lastCall?.[0].content[0].content).toEqual([
      { type: "text", text: "Plan: " },
      { type: "variable", attrs: { name: "plan", fallback: null } },
    ]);
  });
});
