"use client";

import type { Editor } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import type { SuggestionOptions, SuggestionProps } from "@tiptap/suggestion";
import { clsx } from "clsx";
import type { Ref } from "react";

import type { VariableOption } from "@/lib/rich-text/variables";
import { insertVariable } from "./insert-variable";
import { useSuggestionListbox, type SuggestionListHandle } from "./use-suggestion-listbox";

const MAX_SUGGESTIONS = 8;

type VariableSuggestionListProps = {
  editor: Editor;
  items: VariableOption[];
  command: (item: VariableOption) => void;
  ref?: Ref<SuggestionListHandle>;
};

/**
 * The popup shown after typing "{{". Focus stays in the editor (the user keeps typing to filter),
 * so the editor's textbox points at the active option with aria-activedescendant.
 */
export function VariableSuggestionList({ editor, items, command, ref }: VariableSuggestionListProps) {
  const { listId, activeIndex, optionId } = useSuggestionListbox({ editor, items, command, ref });

  return (
    <div className="z-50 min-w-56 overflow-hidden rounded-md border border-neutral-200 bg-white p-1 text-sm shadow-lg">
      {items.length === 0 ? (
        <p className="px-2 py-1.5 text-neutral-500" role="status">
          No matching variable
        </p>
      ) : (
        <div role="listbox" id={listId} aria-label="Variables">
          {items.map((item, index) => (
            <div
              key={item.name}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Keep focus and selection in the editor while clicking an option.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => command(item)}
              className={clsx(
                "flex cursor-pointer items-center justify-between gap-4 rounded px-2 py-1.5",
                index === activeIndex ? "bg-blue-50 text-blue-900" : "text-neutral-800",
              )}
            >
              <span>{item.label}</span>
              <code className="text-xs text-neutral-500">{`{{${item.name}}}`}</code>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function filterOptions(options: VariableOption[], query: string): VariableOption[] {
  // The query is whatever follows "{{", possibly with closing braces being typed.
  const needle = query.replace(/[\s}]+$/, "").toLowerCase();
  return options
    .filter((option) => option.name.toLowerCase().includes(needle) || option.label.toLowerCase().includes(needle))
    .slice(0, MAX_SUGGESTIONS);
}

export const variableSuggestionPluginKey = new PluginKey("variableSuggestion");

export function createVariableSuggestion(
  getOptions: () => VariableOption[],
): Omit<SuggestionOptions<VariableOption, VariableOption>, "editor"> {
  return {
    pluginKey: variableSuggestionPluginKey,
    char: "{{",
    // Variables often follow punctuation or sit mid-word ("Hi{{first_name}}"), not only spaces.
    allowedPrefixes: null,
    items: ({ query }) => filterOptions(getOptions(), query),
    command: ({ editor, range, props }) => insertVariable(editor, props.name, range),
    render: () => {
      let renderer: ReactRenderer<SuggestionListHandle, VariableSuggestionListProps> | null = null;
      let unmount: (() => void) | null = null;
      const listProps = (props: SuggestionProps<VariableOption, VariableOption>) => ({
        editor: props.editor,
        items: props.items,
        command: props.command,
      });
      return {
        onStart: (props) => {
          renderer = new ReactRenderer(VariableSuggestionList, { editor: props.editor, props: listProps(props) });
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
  };
}
