// @vitest-environment happy-dom
import type { Editor } from "@tiptap/core";
import { act } from "react";
import type { Plan } from "@/lib/plans/plan";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { richTextDocumentSchema, textToDocument } from "@/lib/rich-text/document-schema";
import { collectVariableReferences } from "@/lib/rich-text/variables";
import { definitionOf, type NodeType } from "@/lib/workflow/node-types";
import { ConfigPanel } from "./config-panel";
import type { EditorActions } from "./editor-actions";
import { EditorActionsProvider } from "./editor-actions-context";
import { EditorContextProvider, summaryNames, type EditorWorkspace } from "./editor-context";
import { EditorStore } from "./editor-store";
import { EditorStoreProvider } from "./editor-store-context";
import { initialConfig } from "./field-kinds";
import { ReentryProvider } from "./reentry-setting";

const ALEX = "0a0c0e00-0000-4000-8000-0000000000e1";

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
let container: HTMLDivElement | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  container?.remove();
});

function workspace(plan: Plan): EditorWorkspace {
  return {
    workspaceId: "0a0c0e00-0000-4000-8000-000000000001",
    workflowId: "0a0c0e00-0000-4000-8000-0000000000f1",
    plan,
    currentUserId: ALEX,
    members: [
      { id: ALEX, name: "Alex Morgan", email: "alex@acme.test", avatarUrl: null },
      { id: "0a0c0e00-0000-4000-8000-0000000000e3", name: "Jordan Lee", email: "jordan@acme.test", avatarUrl: null },
    ],
    teams: [{ id: "0a0c0e00-0000-4000-8000-0000000000a1", name: "Support", roundRobin: true }],
    channels: [{ id: "0a0c0e00-0000-4000-8000-0000000000c1", name: "Website chat", kind: "chat", isDefault: true }],
    customAttributeKeys: ["plan"], attributeDefinitions: [], tags: [],
  };
}

function fakeActions(): EditorActions {
  const unused = vi.fn(async () => ({ ok: false as const, code: "internal_error" as const, error: "not in this test" }));
  return {
    saveDraft: unused,
    publish: unused,
    setPaused: unused,
    restoreVersion: unused,
    runOnContact: unused,
    previewAudience: vi.fn(async () => ({ ok: true as const, data: { count: 3, sample: [] } })),
    previewMessage: vi.fn(async () => ({
      ok: true as const,
      data: { html: "<p>Hi <mark data-missing>first_name</mark></p>", missing: ["first_name"], invalid: [], contact: { id: "c", name: "Ada Park", email: null } },
    })),
    searchContacts: unused,
    setAllowReentry: unused,
    setGoal: unused,
  };
}

async function renderPanel(
  plan: Plan,
  type: NodeType = "start_conversation",
  overrides: Record<string, unknown> = {},
  actionOverrides: Partial<EditorActions> = {},
) {
  const definition = definitionOf(type);
  const store = new EditorStore({
    nodes: [{ id: "s1", type, position: { x: 0, y: 0 }, data: { config: { ...initialConfig(definition, ALEX), ...overrides } }, selected: true }],
    edges: [],
  });
  const actions = { ...fakeActions(), ...actionOverrides };
  const value = { ...workspace(plan), names: summaryNames(workspace(plan)) };
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <EditorActionsProvider actions={actions}>
        <EditorContextProvider value={value}>
          <EditorStoreProvider store={store}>
            <ReentryProvider initial={false}>
              <ConfigPanel readOnly={false} />
            </ReentryProvider>
          </EditorStoreProvider>
        </EditorContextProvider>
      </EditorActionsProvider>,
    ),
  );
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  const config = () => store.getState().nodes[0]!.data.config;
  return { store, actions, config };
}

/** The control a visible label names: through for=, or through aria-labelledby for groups and the editor. */
function controlNamed(text: string): HTMLElement {
  const labels = [...document.querySelectorAll<HTMLElement>("label, legend")].filter((element) => element.textContent?.trim() === text);
  for (const label of labels) {
    if (label instanceof HTMLLabelElement && label.htmlFor) {
      const control = document.getElementById(label.htmlFor);
      if (control) return control;
    }
    if (label.id) {
      const control = document.querySelector<HTMLElement>(`[aria-labelledby~="${label.id}"]`);
      if (control) return control;
    }
  }
  throw new Error(`no control labelled “${text}”`);
}

/** Types into an input the way a person does: React sees an input event with the new value. */
async function typeInto(input: HTMLInputElement, text: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** The rich-text editor a label names (a contenteditable is named through aria-labelledby). */
function editorNamed(text: string): HTMLElement {
  const textbox = [...document.querySelectorAll<HTMLElement>('[role="textbox"][aria-labelledby]')].find(
    (element) => document.getElementById(element.getAttribute("aria-labelledby")!)?.textContent === text,
  );
  if (!textbox) throw new Error(`no editor labelled “${text}”`);
  return textbox;
}

describe("Start a Conversation panel", () => {
  it("offers the step's next step as a labelled choice, so edges can be made without a mouse", async () => {
    const { store } = await renderPanel("enterprise");
    const next = controlNamed("Next step");
    expect(next.getAttribute("role")).toBe("combobox");
    expect(next.textContent).toContain("Not connected");
    await act(async () => {
      store.addNode("close_conversation", { x: 0, y: 200 }, {});
      store.setOutputTarget("s1", "out", store.getState().nodes[1]!.id);
      store.select(["s1"]);
    });
    expect(controlNamed("Next step").textContent).toContain("Close conversation");
  });

  it("names every control with the exact PRODUCT.md labels", async () => {
    await renderPanel("enterprise");
    expect(controlNamed("Direction").getAttribute("role")).toBe("radiogroup");
    expect(controlNamed("To Contact").getAttribute("role")).toBe("radio");
    expect(controlNamed("From Contact").getAttribute("role")).toBe("radio");
    expect(controlNamed("Start with").getAttribute("role")).toBe("radiogroup");
    expect(controlNamed("Note").getAttribute("role")).toBe("radio");
    expect(controlNamed("Message").getAttribute("role")).toBe("radio");
    expect(editorNamed("Message").getAttribute("contenteditable")).toBe("true");
    expect(controlNamed("Open a conversation").getAttribute("role")).toBe("radiogroup");
    expect(controlNamed("Immediately").getAttribute("role")).toBe("radio");
    expect(controlNamed("Sender").getAttribute("role")).toBe("combobox");
    expect(controlNamed("Assignee").getAttribute("role")).toBe("combobox");
    expect(controlNamed("Channel").getAttribute("role")).toBe("combobox");
    expect(controlNamed("Customer destination").tagName).toBe("INPUT");
    expect(controlNamed("Customer identifier").tagName).toBe("INPUT");
    expect(controlNamed("Create conversation in integrated 3rd party systems").getAttribute("role")).toBe("checkbox");
  });

  it("starts from the PRODUCT.md defaults, with Only after reply marked Recommended and the builder as Sender", async () => {
    await renderPanel("enterprise");
    expect(controlNamed("To Contact").getAttribute("aria-checked")).toBe("true");
    const onlyAfterReply = [...document.querySelectorAll("label")].find((label) => label.textContent?.startsWith("Only after reply"))!;
    expect(onlyAfterReply.textContent).toBe("Only after replyRecommended");
    expect(document.getElementById(onlyAfterReply.htmlFor)!.getAttribute("aria-checked")).toBe("true");
    expect(controlNamed("Sender").textContent).toContain("Alex Morgan");
    expect(controlNamed("Assignee").textContent).toContain("Unassigned");
    expect(controlNamed("Create conversation in integrated 3rd party systems").getAttribute("aria-checked")).toBe("true");
  });

  it("writes a choice back into the node's config, undoably", async () => {
    const { store, config } = await renderPanel("enterprise");
    await act(async () => controlNamed("Immediately").click());
    expect(config().openMode).toBe("immediately");
    await act(async () => controlNamed("Note").click());
    expect(config().startWith).toBe("note");
    await act(async () => void store.undo());
    expect(config().startWith).toBe("message");
  });

  it("saves a typed {{first_name}} as a variable and flags it in the preview when it would be empty", async () => {
    const { actions, config } = await renderPanel("enterprise");
    const editor = (editorNamed("Message") as unknown as { editor: Editor }).editor;
    for (const char of "Hi {{first_name}}") {
      await act(async () => {
        const { from, to } = editor.state.selection;
        const handled = editor.view.someProp("handleTextInput", (handler) => handler(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)));
        if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to));
      });
    }
    // Whether the editor has made it a chip yet or it is still typed text, the saved message
    // uses first_name, which is what validation and the renderer go by.
    const message = richTextDocumentSchema.parse(config().message);
    expect(collectVariableReferences(message)).toEqual([{ name: "first_name", fallback: null }]);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 600)));
    expect(actions.previewMessage).toHaveBeenCalled();
    expect(document.body.textContent).toContain("Preview for Ada Park");
    expect(document.body.textContent).toContain("Empty for this contact: {{first_name}}");
  });

  it("locks the third-party fields on the free plan, with the reason and a way to upgrade", async () => {
    await renderPanel("free");
    expect(document.body.textContent).toContain("These fields need the Enterprise plan.");
    expect(document.querySelector('a[href$="/settings/plan"]')).not.toBeNull();
    expect(controlNamed("Channel").hasAttribute("disabled")).toBe(true);
    expect((controlNamed("Customer destination") as HTMLInputElement).disabled).toBe(true);
    expect((controlNamed("Customer identifier") as HTMLInputElement).disabled).toBe(true);
    expect(controlNamed("Create conversation in integrated 3rd party systems").hasAttribute("disabled")).toBe(true);
    expect(controlNamed("Immediately").hasAttribute("disabled")).toBe(false);
  });

  it("leaves them open on the enterprise plan", async () => {
    await renderPanel("enterprise");
    expect(document.body.textContent).not.toContain("These fields need the Enterprise plan.");
    expect((controlNamed("Customer identifier") as HTMLInputElement).disabled).toBe(false);
  });
});

describe("Sender for From Contact", () => {
  it("is disabled, with the reason, while Direction is From Contact and the step starts with a message", async () => {
    await renderPanel("enterprise");
    expect(controlNamed("Sender").hasAttribute("disabled")).toBe(false);

    await act(async () => controlNamed("From Contact").click());
    const sender = controlNamed("Sender");
    expect(sender.hasAttribute("disabled")).toBe(true);
    const reason = sender
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent)
      .join(" ");
    expect(reason).toContain("no sender is shown");

    // A note is still written by the sender, whichever the direction.
    await act(async () => controlNamed("Note").click());
    expect(controlNamed("Sender").hasAttribute("disabled")).toBe(false);
    await act(async () => controlNamed("Message").click());
    expect(controlNamed("Sender").hasAttribute("disabled")).toBe(true);

    await act(async () => controlNamed("To Contact").click());
    expect(controlNamed("Sender").hasAttribute("disabled")).toBe(false);
  });
});

describe("Audience Matched's Days", () => {
  const filter = { lastConversation: { op: "older_than_days_or_never", days: 30 }, attributes: [], tags: { any: [], all: [], none: [] } };

  it("shows the allowed range, and keeps a refused value in view with an error instead of silently replacing it", async () => {
    const { config } = await renderPanel("enterprise", "audience_matched", { filter });
    const days = controlNamed("Days") as HTMLInputElement;
    const described = () =>
      days
        .getAttribute("aria-describedby")!
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
    const savedDays = () => (config().filter as { lastConversation: { days: number } }).lastConversation.days;
    expect(days.value).toBe("30");
    expect(described()).toContain("From 1 to 3,650 days.");

    for (const bad of ["0", "", "-5", "100000"]) {
      await typeInto(days, bad);
      expect(days.value, bad).toBe(bad);
      expect(days.getAttribute("aria-invalid"), bad).toBe("true");
      expect(described(), bad).toContain("Enter a whole number of days from 1 to 3,650.");
      expect(described(), bad).toContain("keeps 30 days");
      expect(savedDays(), bad).toBe(30);
    }

    await typeInto(days, "45");
    expect(days.value).toBe("45");
    expect(days.hasAttribute("aria-invalid")).toBe(false);
    expect(savedDays()).toBe(45);
  });
});

describe("the preview's contact", () => {
  const ada = { id: "0a0c0e00-0000-4000-8000-00000000c0a1", name: "Ada Park", email: null };
  const frances = { id: "0a0c0e00-0000-4000-8000-00000000c0f1", name: "Frances Hamilton", email: "frances@example.com" };
  const previewFor = () =>
    vi.fn<EditorActions["previewMessage"]>(async (input) => ({
      ok: true as const,
      data: { html: "<p>Hi</p>", missing: [], invalid: [], contact: input.contactId === frances.id ? frances : ada },
    }));
  const search = () =>
    vi.fn<EditorActions["searchContacts"]>(async (input) => ({ ok: true as const, data: input.query ? [frances].filter((c) => c.name.toLowerCase().includes(input.query)) : [ada, frances] }));
  const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 300)));

  it("is the one the builder picks through the contact search, and stays picked on the next visit", async () => {
    localStorage.clear();
    const previewMessage = previewFor();
    const searchContacts = search();
    await renderPanel("enterprise", "start_conversation", { message: textToDocument("Hi {{first_name}}") }, { previewMessage, searchContacts });
    expect(previewMessage).toHaveBeenLastCalledWith(expect.objectContaining({ contactId: null }));
    expect(document.body.textContent).toContain("Preview for Ada Park");

    const change = [...document.querySelectorAll("button")].find((button) => button.textContent === "Change contact")!;
    await act(async () => change.click());
    await typeInto(controlNamed("Preview with") as HTMLInputElement, "fra");
    await settle();
    expect(searchContacts).toHaveBeenLastCalledWith(expect.objectContaining({ query: "fra" }));
    const option = [...document.querySelectorAll("button")].find((button) => button.textContent?.startsWith("Frances Hamilton"))!;
    await act(async () => option.click());
    await settle();
    expect(previewMessage).toHaveBeenLastCalledWith(expect.objectContaining({ contactId: frances.id }));
    expect(document.body.textContent).toContain("Preview for Frances Hamilton");

    // Leave and come back: the preview is for the same contact from the first render on.
    await act(async () => root?.unmount());
    container?.remove();
    const again = previewFor();
    await renderPanel("enterprise", "start_conversation", { message: textToDocument("Hi {{first_name}}") }, { previewMessage: again, searchContacts: search() });
    expect(again.mock.calls[0]![0]).toMatchObject({ contactId: frances.id });
    expect(document.body.textContent).toContain("Preview for Frances Hamilton");
  });
});
