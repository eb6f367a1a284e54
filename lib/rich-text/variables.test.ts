import { describe, expect, it } from "vitest";

import { richTextDocumentSchema, textToDocument } from "./document-schema";
import {
  collectVariableReferences,
  collectVariables,
  isKnownVariable,
  listVariableOptions,
  variableLabel,
} from "./variables";

describe("collectVariables", () => {
  it("lists distinct names in order of first use, across paragraphs and lists", () => {
    const doc = richTextDocumentSchema.parse({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "variable", attrs: { name: "first_name", fallback: "there" } },
            { type: "text", text: " " },
            { type: "variable", attrs: { name: "plan", fallback: null } },
          ],
        },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                {
                  type: "paragraph",
                  content: [
                    { type: "variable", attrs: { name: "session.id", fallback: null } },
                    { type: "variable", attrs: { name: "first_name", fallback: null } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(collectVariables(doc)).toEqual(["first_name", "plan", "session.id"]);
  });

  it("includes typed-out placeholders that were never turned into chips", () => {
    const doc = richTextDocumentSchema.parse({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: 'Hi {{ email | fallback: "x" }} {{ }}' }] }],
    });
    expect(collectVariables(doc)).toEqual(["email"]);
    expect(collectVariableReferences(doc)).toEqual([{ name: "email", fallback: "x" }]);
  });

  it("returns nothing for a document without variables", () => {
    expect(collectVariables(textToDocument("Just text"))).toEqual([]);
  });

  it("keeps every occurrence with its own fallback in collectVariableReferences", () => {
    const doc = textToDocument('{{first_name}} {{first_name | fallback: "you"}}');
    expect(collectVariableReferences(doc)).toEqual([
      { name: "first_name", fallback: null },
      { name: "first_name", fallback: "you" },
    ]);
  });
});

describe("isKnownVariable", () => {
  it("knows the built-ins", () => {
    for (const name of ["first_name", "last_name", "email", "phone", "company", "session.id", "sender.name"]) {
      expect(isKnownVariable(name), name).toBe(true);
    }
  });

  it("knows custom attributes only when the workspace has them", () => {
    expect(isKnownVariable("plan")).toBe(false);
    expect(isKnownVariable("plan", ["plan", "tier"])).toBe(true);
    expect(isKnownVariable("plan", new Set(["tier"]))).toBe(false);
  });

  it("refuses dotted custom keys and unknown namespaces", () => {
    expect(isKnownVariable("session.token")).toBe(false);
    expect(isKnownVariable("address.city", ["address.city"])).toBe(false);
  });
});

describe("listVariableOptions", () => {
  it("lists built-ins then valid custom keys, without duplicates", () => {
    const options = listVariableOptions(["plan", "first_name", "plan", "bad key", "x.y"]);
    expect(options.map((option) => option.name)).toEqual([
      "first_name",
      "last_name",
      "email",
      "phone",
      "company",
      "session.id",
      "sender.name",
      "plan",
    ]);
    expect(options.at(-1)).toEqual({ name: "plan", label: "plan", kind: "custom" });
    expect(variableLabel("sender.name")).toBe("Sender name");
    expect(variableLabel("plan")).toBe("plan");
  });
});
