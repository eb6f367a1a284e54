"use client";

import { Extension, type Editor } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import { Suggestion, type SuggestionProps } from "@tiptap/suggestion";
import { clsx } from "clsx";
import type { Ref } from "react";
import { useSuggestionListbox, type SuggestionListHandle } from "@/components/rich-text/use-suggestion-listbox";
import { filterSavedReplies, type SavedReplyOption } from "./saved-reply-options";

type ListProps = { editor: Editor; items: SavedReplyOption[]; command: (item: SavedReplyOption) => void; ref?: Ref<SuggestionListHandle> };

/**
 * The list "/" opens at the start of the composer. Focus stays in the editor (typing filters), so
 * the editor points at the active option with aria-activedescendant, as the "{{" list does.
 */
function SavedReplySuggestionList({ editor, items, command, ref }: ListProps) {
  const { listId, activeIndex, optionId } = useSuggestionListbox({ editor, items, command, ref });

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
            let renderer: ReactRenderer<SuggestionListHandle, ListProps> | null = null;
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
