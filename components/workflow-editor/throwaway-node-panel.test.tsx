// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { NodeType } from "@/lib/workflow/node-types";
import type * as Registry from "@/lib/workflow/registry";
import type { EditorActions } from "./editor-actions";

// The one registry line a new node type needs, added for this file only: no editor file changes.
vi.mock("@/lib/workflow/registry", async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { tagContactDefinition } = await import("@/lib/workflow/testing/throwaway-node/definition");
  return { nodeDefinitions: { ...real.nodeDefinitions, [tagContactDefinition.type]: tagContactDefinition } };
});

const { ConfigPanel } = await import("./config-panel");
const { EditorActionsProvider } = await import("./editor-actions-context");
const { EditorContextProvider, summaryNames } = await import("./editor-context");
const { EditorStore } = await import("./editor-store");
const { EditorStoreProvider } = await import("./editor-store-context");
const { initialConfig } = await import("./field-kinds");
const { summarizeNode } = await import("./node-summary");
const { Palette } = await import("./palette");
const { ReentryProvider } = await import("./reentry-setting");
const { definitionOf } = await import("@/lib/workflow/node-types");

const TAG = "throwaway_tag_contact" as NodeType;
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

const workspace = {
  workspaceId: "0a0c0e00-0000-4000-8000-000000000001",
  workflowId: "0a0c0e00-0000-4000-8000-0000000000f1",
  plan: "enterprise" as const,
  currentUserId: ALEX,
  members: [{ id: ALEX, name: "Alex Morgan", email: "alex@acme.test", avatarUrl: null }],
  teams: [],
  channels: [],
  customAttributeKeys: [], attributeDefinitions: [], tags: [],
};

async function render(children: React.ReactNode) {
  const unused = vi.fn(async () => ({ ok: false as const, code: "internal_error" as const, error: "not in this test" }));
  const actions = new Proxy({}, { get: () => unused }) as EditorActions;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <EditorActionsProvider actions={actions}>
        <EditorContextProvider value={{ ...workspace, names: summaryNames(workspace) }}>{children}</EditorContextProvider>
      </EditorActionsProvider>,
    ),
  );
}

describe("a node type added by one folder and one registry line, in the editor", () => {
  it("is in the palette, with its label and icon", async () => {
    const onAdd = vi.fn();
    await render(<Palette onAdd={onAdd} />);
    const button = document.querySelector<HTMLButtonElement>(`[data-palette-type="${TAG}"]`)!;
    expect(button.getAttribute("aria-label")).toBe("Add Tag contact");
    expect(button.querySelector("svg.lucide-tag")).not.toBeNull();
    await act(async () => button.click());
    expect(onAdd).toHaveBeenCalledWith(TAG);
  });

  it("gets a config panel that renders its field with the control its definition names, writing into the node's config", async () => {
    const store = new EditorStore({
      nodes: [{ id: "t1", type: TAG, position: { x: 0, y: 0 }, data: { config: initialConfig(definitionOf(TAG), ALEX) }, selected: true }],
      edges: [],
    });
    await render(
      <EditorStoreProvider store={store}>
        <ReentryProvider initial={false}>
          <ConfigPanel readOnly={false} />
        </ReentryProvider>
      </EditorStoreProvider>,
    );
    expect(document.querySelector("h2")?.textContent).toBe("Tag contact");
    const label = [...document.querySelectorAll("label")].find((element) => element.textContent === "Tag")!;
    const input = document.getElementById(label.htmlFor) as HTMLInputElement;
    expect(input.tagName).toBe("INPUT");
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "vip");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(store.getState().nodes[0]!.data.config).toEqual({ tag: "vip" });
    expect(summarizeNode(TAG, store.getState().nodes[0]!.data.config)).toBe("Tag the contact “vip”");
  });
});
