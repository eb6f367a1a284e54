import type { BlockNode, InlineNode, RichTextDocument } from "./document-schema";

/**
 * Rebuilds the document with each inline node replaced by zero or more inline nodes. Blocks of
 * unknown type are dropped rather than trusted, so renderers stay safe on a document that skipped
 * validation (a bad database row, a hand-written fixture).
 */
export function mapInlineNodes(
  doc: RichTextDocument,
  map: (node: InlineNode) => InlineNode[],
): RichTextDocument {
  const mapBlocks = (blocks: BlockNode[]): BlockNode[] =>
    blocks.flatMap((block): BlockNode[] => {
      if (block.type === "paragraph") {
        if (!Array.isArray(block.content)) return [{ type: "paragraph" }];
        const content = block.content.flatMap(map);
        return [content.length > 0 ? { ...block, content } : { type: "paragraph" }];
      }
      if ((block.type === "bulletList" || block.type === "orderedList") && Array.isArray(block.content)) {
        const items = block.content.flatMap((item) =>
          Array.isArray(item.content) ? [{ ...item, content: mapBlocks(item.content) }] : [],
        );
        return [{ ...block, content: items }];
      }
      return [];
    });
  return { ...doc, content: mapBlocks(doc.content) };
}

export function forEachInlineNode(doc: RichTextDocument, visit: (node: InlineNode) => void): void {
  mapInlineNodes(doc, (node) => {
    visit(node);
    return [node];
  });
}
