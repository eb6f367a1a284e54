"use client";

import type { Editor, Extensions } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { clsx } from "clsx";
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";

import { isDocumentEmpty, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { buildRichTextExtensions } from "@/lib/rich-text/extensions";
import { listVariableOptions } from "@/lib/rich-text/variables";
import { EditorToolbar } from "./editor-toolbar";
import { EditorVariableNode } from "./editor-variable-node";

export type MessageEditorProps = {
  value: RichTextDocument;
  onChange: (value: RichTextDocument) => void;
  /**
   * Put on the editable element. A contenteditable is not a labelable element, so a
   * `<label htmlFor>` does not name it: give the label an id and pass it as `ariaLabelledBy`.
   */
  id?: string;
  ariaLabelledBy?: string;
  ariaDescribedBy?: string;
  invalid?: boolean;
  /** The workspace's custom contact attribute keys, offered next to the built-in variables. */
  customVariables?: string[];
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  /** Marks a variable without a fallback as a gap to fill (see EditorVariableNodeOptions.isGap). */
  isVariableGap?: (name: string) => boolean;
  /** Behaviour-only extensions (no schema: a "/" menu); read once, when the editor is created. */
  extraExtensions?: Extensions;
  /** The editor once it exists, for a caller that inserts content at the cursor. */
  onEditorReady?: (editor: Editor) => void;
};

const contentClass = clsx(
  "min-h-24 px-3 py-2 text-sm leading-6 text-neutral-900 outline-none",
  "[&_p]:my-1 [&_ul]:my-1 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-1 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_a]:text-blue-700 [&_a]:underline",
);

/**
 * Whether the message shown is empty, read from the editor itself on every transaction. (Tiptap's
 * useEditorState keeps the snapshot it took while the editor was still null until the first
 * transaction, so a message that opened with content wore the placeholder on top of its text.)
 * Before the editor exists, on the server and in the first browser render, the value decides.
 */
function useIsEmpty(editor: Editor | null, value: RichTextDocument): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!editor) return () => {};
      editor.on("transaction", onChange);
      return () => {
        editor.off("transaction", onChange);
      };
    },
    [editor],
  );
  const read = () => (editor && !editor.isDestroyed ? editor.isEmpty : isDocumentEmpty(value));
  return useSyncExternalStore(subscribe, read, () => isDocumentEmpty(value));
}

export function MessageEditor({
  value,
  onChange,
  id,
  ariaLabelledBy,
  ariaDescribedBy,
  invalid,
  customVariables,
  placeholder,
  disabled = false,
  className,
  isVariableGap,
  extraExtensions,
  onEditorReady,
}: MessageEditorProps) {
  const generatedId = useId();
  const editorId = id ?? generatedId;
  const variableOptions = useMemo(() => listVariableOptions(customVariables ?? []), [customVariables]);
  // The suggestion plugin is created once per editor; it reads the latest options through a ref.
  const variableOptionsRef = useRef(variableOptions);
  const onChangeRef = useRef(onChange);
  const isVariableGapRef = useRef(isVariableGap);
  const [initialExtraExtensions] = useState(extraExtensions);
  const lastEmitted = useRef<RichTextDocument | null>(null);
  const [initialValue] = useState(value);

  useEffect(() => {
    variableOptionsRef.current = variableOptions;
    onChangeRef.current = onChange;
    isVariableGapRef.current = isVariableGap;
  });

  const extensions = useMemo(
    () => [
      ...buildRichTextExtensions(
        EditorVariableNode.configure({
          getVariableOptions: () => variableOptionsRef.current,
          isGap: (name: string) => isVariableGapRef.current?.(name) ?? false,
        }),
      ),
      ...(initialExtraExtensions ?? []),
    ],
    [initialExtraExtensions],
  );

  const attributes: Record<string, string> = {
    id: editorId,
    "aria-multiline": "true",
    class: contentClass,
    ...(ariaLabelledBy ? { "aria-labelledby": ariaLabelledBy } : {}),
    ...(ariaDescribedBy ? { "aria-describedby": ariaDescribedBy } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
    ...(placeholder ? { "aria-placeholder": placeholder } : {}),
    ...(disabled ? { "aria-disabled": "true" } : {}),
  };

  const editor = useEditor({
    extensions,
    content: initialValue,
    editable: !disabled,
    // Rendered on the server by Next; creating the editor there would mismatch on hydration.
    immediatelyRender: false,
    // Its base styles are in app/globals.css: an injected <style> would be refused by the CSP.
    injectCSS: false,
    editorProps: { attributes },
    onUpdate: ({ editor: current }) => {
      // The editor's schema is the shared one, so its JSON has the RichTextDocument shape; the
      // server still validates it with richTextDocumentSchema when it is saved. ProseMirror builds
      // attrs with Object.create(null), which React's server-action encoding does not pass as plain
      // data (a variable's attrs arrived as an opaque reference), so the JSON is made plain here.
      const json = structuredClone(current.getJSON()) as RichTextDocument;
      lastEmitted.current = json;
      onChangeRef.current(json);
    },
  });

  useEffect(() => {
    if (editor && onEditorReady) onEditorReady(editor);
  }, [editor, onEditorReady]);

  // useEditor applies changed options on render but deliberately leaves `editable` alone.
  useEffect(() => {
    if (editor && editor.isEditable === disabled) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  // Controlled: adopt a value that did not come from this editor (form reset, loaded draft).
  useEffect(() => {
    if (!editor || editor.isDestroyed || value === lastEmitted.current) return;
    if (JSON.stringify(value) === JSON.stringify(editor.getJSON())) return;
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const isEmpty = useIsEmpty(editor, value);

  return (
    <div
      className={clsx(
        "rounded-md border bg-white focus-within:ring-2 focus-within:ring-blue-600/40",
        invalid ? "border-red-600" : "border-neutral-300",
        disabled && "opacity-60",
        className,
      )}
    >
      <div className="relative">
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          // Holds the space until the editor mounts on the client.
          <div className={contentClass} aria-hidden />
        )}
        {placeholder && isEmpty && (
          <span aria-hidden className="pointer-events-none absolute top-3 left-3 text-sm text-neutral-500">
            {placeholder}
          </span>
        )}
      </div>
      {editor && <EditorToolbar editor={editor} variableOptions={variableOptions} controls={editorId} />}
    </div>
  );
}
