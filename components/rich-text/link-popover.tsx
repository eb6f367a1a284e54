"use client";

import type { Editor } from "@tiptap/core";
import { Link2 } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useRef, useState, type FormEvent } from "react";

import { normalizeHref } from "@/lib/rich-text/safe-href";
import { ToolbarButton } from "./toolbar-button";

type LinkPopoverProps = { editor: Editor; active: boolean; disabled?: boolean };

export function LinkPopover({ editor, active, disabled }: LinkPopoverProps) {
  const [open, setOpen] = useState(false);
  const applied = useRef(false);

  const close = () => {
    applied.current = true;
    setOpen(false);
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <ToolbarButton label="Link" pressed={active} disabled={disabled}>
          <Link2 aria-hidden className="size-4" />
        </ToolbarButton>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 w-80 rounded-md border border-neutral-200 bg-white p-3 text-sm shadow-lg"
          onCloseAutoFocus={(event) => {
            if (applied.current) {
              event.preventDefault();
              editor.commands.focus();
            }
            applied.current = false;
          }}
        >
          {/* Mounted only while open, so the field always starts from the current link. */}
          <LinkForm editor={editor} initialHref={String(editor.getAttributes("link").href ?? "")} onDone={close} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function LinkForm({ editor, initialHref, onDone }: { editor: Editor; initialHref: string; onDone: () => void }) {
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState(initialHref);
  const [error, setError] = useState<string | null>(null);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const href = normalizeHref(value);
    if (href === null) {
      setError("Enter a web address (https://…), an email address or a tel: number.");
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: insert the address itself as the link text.
      chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      chain.extendMarkRange("link").setLink({ href }).run();
    }
    onDone();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onDone();
  };

  return (
    <form onSubmit={apply} noValidate className="flex flex-col gap-2">
      <label htmlFor={inputId} className="text-neutral-700">
        URL
      </label>
      <input
        id={inputId}
        type="text"
        inputMode="url"
        autoComplete="url"
        placeholder="https://example.com"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        className="rounded border border-neutral-300 px-2 py-1 aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-600"
        autoFocus
      />
      {error && (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        {initialHref !== "" && (
          <button type="button" onClick={remove} className="rounded px-2 py-1 text-red-700 hover:bg-red-50">
            Remove link
          </button>
        )}
        <button type="submit" className="rounded bg-neutral-900 px-3 py-1 text-white hover:bg-neutral-700">
          Apply
        </button>
      </div>
    </form>
  );
}
