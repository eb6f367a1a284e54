import { describe, expect, it } from "vitest";
import { NODE_TYPES } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { NODE_ICONS } from "./node-icon";

describe("node icons", () => {
  it("has the icon every node definition names", () => {
    for (const type of NODE_TYPES) expect(NODE_ICONS[nodeDefinitions[type].icon], type).toBeDefined();
  });
});
