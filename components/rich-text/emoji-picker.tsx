"use client";

import type { Editor } from "@tiptap/core";
import { Smile } from "lucide-react";
import { Popover } from "radix-ui";
import { useRef, useState, type KeyboardEvent } from "react";

import { COMMON_EMOJI } from "./emoji-list";
import { ToolbarButton } from "./toolbar-button";

const COLUMNS = 8;

const NAVIGATION_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => Math.min(index + 1, count - 1),
  ArrowLeft: (index) => Math.max(index - 1, 0),
  ArrowDown: (index, count) => Math.min(index + COLUMNS, count - 1),
  ArrowUp: (index) => Math.max(index - COLUMNS, 0),
  Home: () => 0,
  End: (_index, count) => count - 1,
};

export function EmojiPicker({ editor, disabled }: { editor: Editor; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const inserted = useRef(false);

  const insert = (emoji: string) => {
    inserted.current = true;
    setOpen(false);
    editor.chain().focus().insertContent(emoji).run();
  };

  // Arrow keys move through the grid, so the picker is one tab stop instead of forty.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = NAVIGATION_KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    const current = buttons.current.findIndex((button) => button === document.activeElement);
    buttons.current[move(Math.max(current, 0), COMMON_EMOJI.length)]?.focus();
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <ToolbarButton label="Emoji" disabled={disabled}>
          <Smile aria-hidden className="size-4" />
        </ToolbarButton>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side="top"
          align="start"
          sideOffset={6}
          aria-label="Emoji"
          className="z-50 rounded-md border border-neutral-200 bg-white p-2 shadow-lg"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            buttons.current[0]?.focus();
          }}
          onCloseAutoFocus={(event) => {
            // After an insert the caret belongs in the editor, not on the Emoji button.
            if (inserted.current) event.preventDefault();
            inserted.current = false;
          }}
        >
          <div role="group" aria-label="Emoji" className="grid grid-cols-8 gap-0.5" onKeyDown={onKeyDown}>
            {COMMON_EMOJI.map(({ emoji, name }, index) => (
              <button
                key={name}
                ref={(element) => {
                  buttons.current[index] = element;
                }}
                type="button"
                aria-label={name}
                title={name}
                tabIndex={index === 0 ? 0 : -1}
                onClick={() => insert(emoji)}
                className="flex size-8 items-center justify-center rounded text-lg hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {emoji}
              </button>
            ))}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
