"use client";

import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { Bold, Italic, List, ListOrdered } from "lucide-react";
import type { KeyboardEvent } from "react";

import type { VariableOption } from "@/lib/rich-text/variables";
import { EmojiPicker } from "./emoji-picker";
import { LinkPopover } from "./link-popover";
import { ToolbarButton } from "./toolbar-button";
import { VariableMenu } from "./variable-menu";

type EditorToolbarProps = {
  editor: Editor;
  variableOptions: VariableOption[];
  /** Id of the editable area, so assistive tech knows what the toolbar acts on. */
  controls?: string;
};

// Left/Right move between buttons as in the ARIA toolbar pattern; Tab still works as well.
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("[data-toolbar-item]:not(:disabled)")];
  const current = items.findIndex((item) => item === document.activeElement);
  if (current === -1) return;
  event.preventDefault();
  const next = event.key === "ArrowRight" ? current + 1 : current - 1;
  items[(next + items.length) % items.length]?.focus();
}

export function EditorToolbar({ editor, variableOptions, controls }: EditorToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      editable: current.isEditable,
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      link: current.isActive("link"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
    }),
  });
  const disabled = !state.editable;

  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      aria-controls={controls}
      onKeyDown={moveFocus}
      className="flex flex-wrap items-center gap-0.5 border-t border-neutral-200 px-1.5 py-1"
    >
      <ToolbarButton
        label="Bold"
        pressed={state.bold}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleBold().run()}
      >
        <Bold aria-hidden className="size-4" />
      </ToolbarButton>
      <ToolbarButton
        label="Italic"
        pressed={state.italic}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleItalic().run()}
      >
        <Italic aria-hidden className="size-4" />
      </ToolbarButton>
      <LinkPopover editor={editor} active={state.link} disabled={disabled} />
      <ToolbarButton
        label="Bulleted list"
        pressed={state.bulletList}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleBulletList().run()}
      >
        <List aria-hidden className="size-4" />
      </ToolbarButton>
      <ToolbarButton
        label="Numbered list"
        pressed={state.orderedList}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleOrderedList().run()}
      >
        <ListOrdered aria-hidden className="size-4" />
      </ToolbarButton>
      <span aria-hidden className="mx-1 h-5 w-px bg-neutral-200" />
      <EmojiPicker editor={editor} disabled={disabled} />
      <VariableMenu editor={editor} options={variableOptions} disabled={disabled} />
    </div>
  );
}
