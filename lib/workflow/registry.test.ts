import { icons } from "lucide-react";
import { describe, expect, it } from "vitest";
import { NODE_TYPES } from "./node-types";
import { nodeDefinitions } from "./registry";

describe("node registry", () => {
  it("has a definition for every node type, keyed by its own type", () => {
    for (const type of NODE_TYPES) expect(nodeDefinitions[type].type).toBe(type);
    expect(Object.keys(nodeDefinitions).sort()).toEqual([...NODE_TYPES].sort());
  });

  it("gives every node a lucide icon that exists, a label and a summary of its defaults", () => {
    for (const definition of Object.values(nodeDefinitions)) {
      const name = definition.icon.displayName as keyof typeof icons;
      expect(icons[name], `${definition.label}: ${name}`).toBeDefined();
      expect(definition.label.length).toBeGreaterThan(0);
      const summary = (definition.summarize as (config: unknown) => string)(definition.defaultConfig());
      expect(summary.length).toBeGreaterThan(0);
    }
  });

  it("defaults Start a Conversation as PRODUCT.md says", () => {
    const config = nodeDefinitions.start_conversation.defaultConfig();
    expect(config).toMatchObject({
      direction: "to_contact",
      startWith: "message",
      openMode: "after_reply",
      assignee: { type: "unassigned" },
      channelId: null,
      customerDestination: "",
      customerIdentifier: "",
      createInThirdParty: true,
    });
    expect(config.message.type).toBe("doc");
  });

  it("labels Branch's outputs Started and Not started and defaults its timeout to 3 days", () => {
    const branch = nodeDefinitions.branch_conversation_started;
    expect(branch.outputs).toEqual([
      { id: "started", label: "Started" },
      { id: "not_started", label: "Not started" },
    ]);
    expect(branch.defaultConfig().timeout).toEqual({ amount: 3, unit: "days" });
  });

  it("gives triggers no input and actions exactly one", () => {
    for (const definition of Object.values(nodeDefinitions)) {
      expect(definition.inputs.length).toBe(definition.category === "trigger" ? 0 : 1);
    }
  });

  it("uses the visible labels of PRODUCT.md for Start a Conversation's fields", () => {
    const fields = nodeDefinitions.start_conversation.fields;
    expect(fields.openMode?.options?.map((option) => option.label)).toEqual(["Immediately", "Only after reply"]);
    expect(fields.createInThirdParty?.label).toBe("Create conversation in integrated 3rd party systems");
    expect(fields.customerDestination?.enterprise).toBe(true);
  });
});
