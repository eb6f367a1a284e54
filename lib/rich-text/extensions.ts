import type { AnyExtension, Extensions } from "@tiptap/core";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";

import { isSafeHref } from "./safe-href";
import { VariableNode } from "./variable-node";

/**
 * The one Tiptap configuration of the product. The browser editor, the document schema and the
 * server renderers all derive from it, so a message can never contain something one side cannot
 * read. The editor passes its own `variable` node (same schema plus a React node view and the
 * suggestion popup), which is why the variable node is a parameter.
 */
export function buildRichTextExtensions(variableNode: AnyExtension = VariableNode): Extensions {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      heading: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // A trailing empty paragraph would be stored and sent as part of every message.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url),
        HTMLAttributes: { target: "_blank", rel: "noopener noreferrer nofollow", class: null },
      },
    }),
    variableNode,
  ];
}

export const richTextExtensions: Extensions = buildRichTextExtensions();

let cachedSchema: Schema | undefined;

/** Building a schema walks every extension, so it is done once per process. */
export function getRichTextSchema(): Schema {
  cachedSchema ??= getSchema(richTextExtensions);
  return cachedSchema;
}
