"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useId, useImperativeHandle, useState, type Ref } from "react";

export type SuggestionListHandle = { onKeyDown: (event: KeyboardEvent) => boolean };

/**
 * The keyboard and ARIA of a suggestion popup (the "{{" variables, the composer's "/" saved
 * replies): focus stays in the editor (typing filters), arrows move the active option, Enter or
 * Tab chooses it, and the editor's textbox points at it with aria-activedescendant.
 */
export function useSuggestionListbox<Item>({ editor, items, command, ref }: { editor: Editor; items: Item[]; command: (item: Item) => void; ref?: Ref<SuggestionListHandle> }) {
  const listId = useId();
  // The highlighted row is tied to the item list it was chosen in, so a new query resets it.
  const [selection, setSelection] = useState({ items, index: 0 });
  const activeIndex = selection.items === items ? selection.index : 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  useImperativeHandle(
    ref,
    () => ({
      onKeyDown(event) {
        if (event.key === "Escape") return true;
        if (items.length === 0) return false;
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          const step = event.key === "ArrowDown" ? 1 : -1;
          setSelection({ items, index: (activeIndex + step + items.length) % items.length });
          return true;
        }
        if (event.key === "Enter" || event.key === "Tab") {
          const item = items[activeIndex];
          if (item) command(item);
          return true;
        }
        return false;
      },
    }),
    [items, activeIndex, command],
  );

  useEffect(() => {
    const dom = editor.view.dom;
    dom.setAttribute("aria-controls", listId);
    dom.setAttribute("aria-autocomplete", "list");
    if (items.length > 0) dom.setAttribute("aria-activedescendant", optionId(activeIndex));
    else dom.removeAttribute("aria-activedescendant");
    return () => {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-autocomplete");
      dom.removeAttribute("aria-activedescendant");
    };
  });

  return { listId, activeIndex, optionId };
}
