"use client";

import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { clsx } from "clsx";
import { Braces } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useState, type FormEvent } from "react";

import { MAX_FALLBACK_LENGTH, normalizeFallback } from "@/lib/rich-text/variable-syntax";
import { variableLabel } from "@/lib/rich-text/variables";

/**
 * How a variable looks in the editor: a chip with its label, which opens a small form to set the
 * fallback. The chip is a real button, so it is reachable by keyboard and ProseMirror leaves its
 * events alone.
 */
export function VariableChipView({ node, updateAttributes, deleteNode, selected, editor, extension }: ReactNodeViewProps) {
  const name = String(node.attrs.name);
  const fallback = normalizeFallback(node.attrs.fallback);
  const label = variableLabel(name);
  // A gap: no value for this message's contact and no fallback (EditorVariableNodeOptions.isGap).
  const gap = fallback === null && (extension.options as { isGap?: (name: string) => boolean }).isGap?.(name) === true;
  const [open, setOpen] = useState(false);

  return (
    <NodeViewWrapper as="span" className="mx-px inline-block align-baseline">
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button
            type="button"
            disabled={!editor.isEditable}
            aria-label={
              gap
                ? `Gap to fill: ${label} has no value for this contact. Give it one`
                : `Variable ${label}, ${fallback === null ? "no fallback" : `fallback ${fallback}`}. Edit`
            }
            data-gap={gap ? "" : undefined}
            className={clsx(
              "inline-flex items-center gap-1 rounded-full border px-2 py-px text-[0.85em] leading-5",
              gap
                ? "border-dashed border-amber-500 bg-amber-50 text-amber-900 hover:bg-amber-100"
                : "border-blue-200 bg-blue-50 text-blue-800 hover:bg-blue-100",
              "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600",
              selected && "ring-2 ring-blue-500",
            )}
          >
            <Braces aria-hidden className="size-3" />
            <span>{gap ? `Fill in: ${label}` : label}</span>
            {fallback !== null && <span className="text-blue-600/80">· {fallback}</span>}
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            side="bottom"
            align="start"
            sideOffset={6}
            className="z-50 w-72 rounded-md border border-neutral-200 bg-white p-3 text-sm shadow-lg"
          >
            <FallbackForm
              label={label}
              name={name}
              fallback={fallback}
              onSave={(value) => {
                updateAttributes({ fallback: normalizeFallback(value) });
                setOpen(false);
              }}
              onRemove={() => {
                setOpen(false);
                deleteNode();
                editor.commands.focus();
              }}
            />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </NodeViewWrapper>
  );
}

type FallbackFormProps = {
  label: string;
  name: string;
  fallback: string | null;
  onSave: (value: string) => void;
  onRemove: () => void;
};

function FallbackForm({ label, name, fallback, onSave, onRemove }: FallbackFormProps) {
  const inputId = useId();
  const hintId = useId();
  const [value, setValue] = useState(fallback ?? "");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSave(value);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <p className="font-medium text-neutral-900">
        {label} <code className="text-xs font-normal text-neutral-500">{`{{${name}}}`}</code>
      </p>
      <label htmlFor={inputId} className="text-neutral-700">
        Fallback
      </label>
      <input
        id={inputId}
        value={value}
        maxLength={MAX_FALLBACK_LENGTH}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={hintId}
        className="rounded border border-neutral-300 px-2 py-1 focus-visible:outline-2 focus-visible:outline-blue-600"
        autoFocus
      />
      <p id={hintId} className="text-xs text-neutral-500">
        Shown when the contact has no value. Without one, the message is not sent to that contact.
      </p>
      <div className="flex justify-between gap-2">
        <button type="button" onClick={onRemove} className="rounded px-2 py-1 text-red-700 hover:bg-red-50">
          Remove variable
        </button>
        <button type="submit" className="rounded bg-neutral-900 px-3 py-1 text-white hover:bg-neutral-700">
          Save
        </button>
      </div>
    </form>
  );
}
