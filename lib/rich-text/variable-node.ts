import { Node, PasteRule } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

import {
  formatVariable,
  isValidVariableName,
  normalizeFallback,
  parseTemplate,
  type VariableReference,
} from "./variable-syntax";

export const VARIABLE_NODE_NAME = "variable";

export type VariableAttributes = VariableReference;

/**
 * A variable is an atom so it is edited as one unit (a chip), never half-deleted into a raw
 * "{{first_" that could be sent to a contact. This definition is DOM-free so the server can build
 * the same schema; the editor adds its node view and suggestion popup on top via `extend`.
 */
export const VariableNode = Node.create({
  name: VARIABLE_NODE_NAME,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      name: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-variable") ?? "",
        renderHTML: (attributes) => ({ "data-variable": attributes.name }),
      },
      fallback: {
        default: null,
        parseHTML: (element) => normalizeFallback(element.getAttribute("data-fallback")),
        renderHTML: (attributes) =>
          attributes.fallback === null ? {} : { "data-fallback": attributes.fallback },
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: "span[data-variable]",
        getAttrs: (element) =>
          isValidVariableName(element.getAttribute("data-variable")) ? null : false,
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ["span", HTMLAttributes, `{{${node.attrs.name}}}`];
  },

  renderText({ node }) {
    return formatVariable({ name: node.attrs.name, fallback: node.attrs.fallback });
  },

  addProseMirrorPlugins() {
    const type = this.type;
    return [
      // A typed {{...}} becomes a chip once it is complete. Done after the keystroke has been
      // applied (appendTransaction), not as an input rule: an input rule rewrites the text while
      // the browser is still inserting the closing brace, and Chromium then left "{name}}" behind
      // the chip, inside the message.
      new Plugin({
        key: new PluginKey("variableFromTypedText"),
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((transaction) => transaction.docChanged)) return null;
          const found: { from: number; to: number; reference: VariableReference }[] = [];
          state.doc.descendants((node, pos) => {
            if (!node.isText || !node.text?.includes("{{")) return;
            for (const segment of parseTemplate(node.text).segments) {
              if (segment.type !== "variable") continue;
              found.push({ from: pos + segment.index, to: pos + segment.index + segment.raw.length, reference: { name: segment.name, fallback: segment.fallback } });
            }
          });
          if (found.length === 0) return null;
          const tr = state.tr;
          // From the end, so the earlier positions stay valid.
          for (const { from, to, reference } of found.reverse()) tr.replaceWith(from, to, type.create(reference));
          return tr;
        },
      }),
    ];
  },

  addPasteRules() {
    return [
      new PasteRule({
        find: (text) =>
          parseTemplate(text).segments.flatMap((segment) =>
            segment.type === "variable"
              ? [
                  {
                    index: segment.index,
                    text: segment.raw,
                    data: { name: segment.name, fallback: segment.fallback },
                  },
                ]
              : [],
          ),
        handler: ({ state, range, match }) => {
          const reference = match.data as VariableReference | undefined;
          if (!reference) return null;
          state.tr.replaceWith(range.from, range.to, this.type.create(reference));
        },
      }),
    ];
  },
});
