"use client";

import { Extension, type Editor } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import { Suggestion, type SuggestionProps } from "@tiptap/suggestion";
import { clsx } from "clsx";
import { useEffect, useId, useImperativeHandle, useState, type Ref } from "react";
import { filterSavedReplies, type SavedReplyOption } from "./saved-reply-options";

type ListHandle = { onKeyDown: (event: KeyboardEvent) => boolean };
type ListProps = { editor: Editor; items: SavedReplyOption[]; command: (item: SavedReplyOption) => void; ref?: Ref<ListHandle> };

/**
 * The list "/" opens at the start of the composer. Focus stays in the editor (typing filters), so
 * the editor points at the active option with aria-activedescendant, as the "{{" list does.
 */
function SavedReplySuggestionList({ editor, items, command, ref }: ListProps) {
  const listId = useId();
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

  return (
    <div className="z-50 w-80 max-w-[calc(100vw-2rem)] overflow-hidden rounded-md border border-neutral-200 bg-white p-1 text-sm shadow-lg">
      {items.length === 0 ? (
        <p className="px-2 py-1.5 text-neutral-600" role="status">
          No matching saved reply
        </p>
      ) : (
        <div role="listbox" id={listId} aria-label="Saved replies">
          {items.map((item, index) => (
            <div
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => command(item)}
              className={clsx("grid cursor-pointer gap-0.5 rounded px-2 py-1.5", index === activeIndex ? "bg-blue-50 text-blue-900" : "text-neutral-800")}
            >
              <span className="truncate font-medium">{item.title}</span>
              <span className="truncate text-xs text-neutral-600">{item.text}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * "/" typed at the very start of the composer opens the saved replies, filtered by what follows;
 * choosing one removes "/query" and hands the reply to `onChoose` (which fills it in and inserts it).
 */
export function savedReplySlashExtension(options: { getReplies: () => SavedReplyOption[]; onChoose: (editor: Editor, reply: SavedReplyOption) => void }) {
  return Extension.create({
    name: "savedReplySlash",
    addProseMirrorPlugins() {
      return [
        Suggestion<SavedReplyOption, SavedReplyOption>({
          editor: this.editor,
          pluginKey: new PluginKey("savedReplySlash"),
          char: "/",
          startOfLine: true,
          allowSpaces: true,
          // Only at the start of the message: a "/" later in a sentence is just a slash.
          allow: ({ range }) => range.from === 1 && options.getReplies().length > 0,
          items: ({ query }) => filterSavedReplies(options.getReplies(), query),
          command: ({ editor, range, props }) => {
            editor.chain().focus().deleteRange(range).run();
            options.onChoose(editor, props);
          },
          render: () => {
            let renderer: ReactRenderer<ListHandle, ListProps> | null = null;
            let unmount: (() => void) | null = null;
            const listProps = (props: SuggestionProps<SavedReplyOption, SavedReplyOption>) => ({ editor: props.editor, items: props.items, command: props.command });
            return {
              onStart: (props) => {
                renderer = new ReactRenderer(SavedReplySuggestionList, { editor: props.editor, props: listProps(props) });
                unmount = props.mount(renderer.element);
              },
              onUpdate: (props) => renderer?.updateProps(listProps(props)),
              onKeyDown: ({ event }) => renderer?.ref?.onKeyDown(event) ?? false,
              onExit: () => {
                unmount?.();
                renderer?.destroy();
                unmount = null;
                renderer = null;
              },
            };
          },
        }),
      ];
    },
  });
}
