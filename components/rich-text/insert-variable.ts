import type { Editor, Range } from "@tiptap/core";

import { VARIABLE_NODE_NAME } from "@/lib/rich-text/variable-node";

/**
 * THE way a picked variable goes into a message, from the toolbar's menu or the "{{" list: the
 * chip alone, with the caret right after it. No space is added after it: the next character is
 * the writer's ("Hi {{first_name}}, …"), and an automatic space ended up in front of punctuation
 * that every contact received.
 */
export function insertVariable(editor: Editor, name: string, range?: Range): void {
  const chip = { type: VARIABLE_NODE_NAME, attrs: { name, fallback: null } };
  const chain = editor.chain().focus();
  (range ? chain.insertContentAt(range, chip) : chain.insertContent(chip)).run();
}
