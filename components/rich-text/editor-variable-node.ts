import { ReactNodeViewRenderer } from "@tiptap/react";
import { Suggestion } from "@tiptap/suggestion";

import { VariableNode } from "@/lib/rich-text/variable-node";
import { listVariableOptions, type VariableOption } from "@/lib/rich-text/variables";
import { VariableChipView } from "./variable-chip-view";
import { createVariableSuggestion } from "./variable-suggestion";

export type EditorVariableNodeOptions = {
  /** Read on every keystroke of a suggestion, so the list follows the latest custom attributes. */
  getVariableOptions: () => VariableOption[];
  /**
   * Whether a variable without a fallback is a gap: it has no value for the contact the message is
   * for (a saved reply filled in for one conversation), so the person must fill it before sending.
   */
  isGap: (name: string) => boolean;
};

/** The shared variable node plus what only a browser editor needs: chips and the "{{" popup. */
export const EditorVariableNode = VariableNode.extend<EditorVariableNodeOptions>({
  addOptions() {
    return { getVariableOptions: () => listVariableOptions(), isGap: () => false };
  },

  addNodeView() {
    return ReactNodeViewRenderer(VariableChipView);
  },

  addProseMirrorPlugins() {
    return [
      ...(this.parent?.() ?? []),
      Suggestion({ editor: this.editor, ...createVariableSuggestion(() => this.options.getVariableOptions()) }),
    ];
  },
});
