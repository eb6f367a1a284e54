"use client";

import type { Editor } from "@tiptap/core";
import { Braces } from "lucide-react";
import { DropdownMenu } from "radix-ui";
import { useRef } from "react";

import type { VariableOption } from "@/lib/rich-text/variables";
import { insertVariable } from "./insert-variable";
import { ToolbarButton } from "./toolbar-button";

type VariableMenuProps = { editor: Editor; options: VariableOption[]; disabled?: boolean };

const itemClass =
  "flex cursor-pointer items-center justify-between gap-4 rounded px-2 py-1.5 text-neutral-800 outline-none data-[highlighted]:bg-blue-50 data-[highlighted]:text-blue-900";

export function VariableMenu({ editor, options, disabled }: VariableMenuProps) {
  const inserted = useRef(false);
  const builtIn = options.filter((option) => option.kind === "built-in");
  const custom = options.filter((option) => option.kind === "custom");

  const insert = (option: VariableOption) => {
    inserted.current = true;
    insertVariable(editor, option.name);
  };

  const renderItem = (option: VariableOption) => (
    <DropdownMenu.Item key={option.name} className={itemClass} onSelect={() => insert(option)}>
      <span>{option.label}</span>
      <code className="text-xs text-neutral-500">{`{{${option.name}}}`}</code>
    </DropdownMenu.Item>
  );

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <ToolbarButton label="Insert variable" disabled={disabled}>
          <Braces aria-hidden className="size-4" />
        </ToolbarButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 max-h-80 min-w-60 overflow-y-auto rounded-md border border-neutral-200 bg-white p-1 text-sm shadow-lg"
          onCloseAutoFocus={(event) => {
            // After an insert the caret belongs in the editor, not on the menu button.
            if (inserted.current) event.preventDefault();
            inserted.current = false;
          }}
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-neutral-500">Contact and conversation</DropdownMenu.Label>
          {builtIn.map(renderItem)}
          {custom.length > 0 && (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-neutral-200" />
              <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-neutral-500">Custom attributes</DropdownMenu.Label>
              {custom.map(renderItem)}
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
