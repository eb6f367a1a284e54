import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { definitionOf, NODE_TYPES } from "@/lib/workflow/node-types";
import { NodeIcon } from "./node-icon";

describe("node icons", () => {
  it("has the icon every node definition names", () => {
    for (const type of NODE_TYPES) {
      const markup = renderToStaticMarkup(createElement(NodeIcon, { icon: definitionOf(type).icon }));
      expect(markup, type).toMatch(/^<svg[^>]*class="lucide[^"]*"[^>]*aria-hidden="true"/);
    }
  });
});
