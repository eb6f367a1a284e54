import { describe, expect, it } from "vitest";
import { shortcutFor } from "./use-editor-shortcuts";

const key = (k: string, modifiers: Partial<Record<"metaKey" | "ctrlKey" | "shiftKey" | "altKey", boolean>> = {}) => ({
  key: k,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});
const canvas = { editable: false, inCanvas: true };

describe("editor keyboard shortcuts", () => {
  it("maps Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y", () => {
    expect(shortcutFor(key("z", { ctrlKey: true }), canvas)).toBe("undo");
    expect(shortcutFor(key("z", { metaKey: true }), canvas)).toBe("undo");
    expect(shortcutFor(key("Z", { ctrlKey: true, shiftKey: true }), canvas)).toBe("redo");
    expect(shortcutFor(key("z", { metaKey: true, shiftKey: true }), canvas)).toBe("redo");
    expect(shortcutFor(key("y", { ctrlKey: true }), canvas)).toBe("redo");
  });

  it("deletes with Delete or Backspace only when the canvas has focus", () => {
    expect(shortcutFor(key("Delete"), canvas)).toBe("delete");
    expect(shortcutFor(key("Backspace"), canvas)).toBe("delete");
    expect(shortcutFor(key("Backspace"), { editable: false, inCanvas: false })).toBeNull();
  });

  it("leaves text fields alone: their own undo and delete apply", () => {
    const field = { editable: true, inCanvas: false };
    expect(shortcutFor(key("z", { ctrlKey: true }), field)).toBeNull();
    expect(shortcutFor(key("Backspace"), field)).toBeNull();
    expect(shortcutFor(key("a", { ctrlKey: true }), field)).toBeNull();
  });

  it("undoes from a toolbar button too (outside the canvas, not a text field)", () => {
    expect(shortcutFor(key("z", { ctrlKey: true }), { editable: false, inCanvas: false })).toBe("undo");
  });
});
