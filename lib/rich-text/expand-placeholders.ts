import type { InlineNode, RichTextDocument } from "./document-schema";
import { mapInlineNodes } from "./document-walk";
import { parseTemplate, type TemplateProblem } from "./variable-syntax";

/**
 * Typed-out "{{first_name}}" can reach a document without becoming a chip (pasted by an API
 * client, typed before the input rule existed, produced by textToDocument upstream). Treating it
 * as a variable everywhere is what guarantees no raw placeholder goes out, so every consumer
 * (rendering, variable collection) looks at the document through this expansion.
 */
export function expandTextPlaceholders(doc: RichTextDocument): {
  doc: RichTextDocument;
  problems: TemplateProblem[];
} {
  const problems: TemplateProblem[] = [];
  const expanded = mapInlineNodes(doc, (node) => {
    if (node.type !== "text" || !node.text.includes("{{")) return [node];
    const parsed = parseTemplate(node.text);
    problems.push(...parsed.problems.filter((problem) => problem.kind !== "unclosed"));
    const marks = node.marks ? { marks: node.marks } : {};
    return parsed.segments.map(
      (segment): InlineNode =>
        segment.type === "text"
          ? { type: "text", text: segment.text, ...marks }
          : { type: "variable", attrs: { name: segment.name, fallback: segment.fallback }, ...marks },
    );
  });
  return { doc: expanded, problems };
}
