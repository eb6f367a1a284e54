import { InputRule, Node, PasteRule } from "@tiptap/core";

import {
  formatVariable,
  isValidVariableName,
  normalizeFallback,
  parseTemplate,
  parseVariableToken,
  VARIABLE_TOKEN_AT_END,
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

  addInputRules() {
    return [
      new InputRule({
        find: VARIABLE_TOKEN_AT_END,
        handler: ({ state, range, match }) => {
          const reference = parseVariableToken(match[0]);
          if (!reference) return null;
          state.tr.replaceWith(range.from, range.to, this.type.create(reference));
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
