import { describe, expect, it } from "vitest";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { NODE_TYPES } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { fieldApplies, initialConfig, panelFields, readConfig } from "./field-kinds";

const BUILDER = "0a0c0e00-0000-4000-8000-0000000000e1";

describe("panel fields from node definitions", () => {
  it("finds a control for every field every definition declares", () => {
    for (const type of NODE_TYPES) {
      const definition = nodeDefinitions[type];
      const declared = Object.keys(definition.fields);
      expect(panelFields(definition).map((field) => field.name), type).toEqual(declared);
    }
  });

  it("gives Start a Conversation the PRODUCT.md fields, labels and controls in order", () => {
    // On the default chat channel (PRODUCT.md section 2's table, then Part 12's guardrails after
    // it); an email channel adds its Subject.
    const chat = [{ id: "chat-1", kind: "chat" as const, isDefault: true }];
    const all = panelFields(nodeDefinitions.start_conversation);
    const fields = all.filter((field) => fieldApplies(field, { channelId: null }, chat));
    expect(fields.map((field) => [field.meta.label, field.control.kind])).toEqual([
      ["Direction", "choice"],
      ["Start with", "choice"],
      ["Message", "rich-text"],
      ["Open a conversation", "choice"],
      ["Sender", "user"],
      ["Assignee", "assignee"],
      ["Channel", "channel"],
      ["Customer destination", "text"],
      ["Customer identifier", "text"],
      ["Create conversation in integrated 3rd party systems", "boolean"],
      ["Skip contacts who have an open conversation", "choice"],
      ["Send window", "send-window"],
    ]);
    const open = fields.find((field) => field.name === "openMode")!.control;
    expect(open.kind === "choice" && open.options.map((option) => [option.label, option.hint])).toEqual([
      ["Immediately", undefined],
      ["Only after reply", "Recommended"],
    ]);
    expect(fields.filter((field) => field.meta.enterprise).map((field) => field.name)).toEqual([
      "channelId",
      "customerDestination",
      "customerIdentifier",
      "createInThirdParty",
    ]);

    const email = [...chat, { id: "email-1", kind: "email" as const, isDefault: false }];
    const onEmail = all.filter((field) => fieldApplies(field, { channelId: "email-1" }, email)).map((field) => field.meta.label);
    expect(onEmail.slice(0, 4)).toEqual(["Direction", "Start with", "Subject", "Message"]);
  });

  it("starts a new Start a Conversation with the PRODUCT.md defaults and the builder as Sender", () => {
    expect(initialConfig(nodeDefinitions.start_conversation, BUILDER)).toMatchObject({
      direction: "to_contact",
      startWith: "message",
      openMode: "after_reply",
      senderUserId: BUILDER,
      assignee: { type: "unassigned" },
      channelId: null,
      customerDestination: "",
      customerIdentifier: "",
      createInThirdParty: true,
    });
  });

  it("keeps the valid fields of a config that no longer parses as a whole", () => {
    const config = readConfig(nodeDefinitions.start_conversation, {
      direction: "from_contact",
      openMode: "sometimes",
      message: textToDocument("Hi"),
    });
    expect(config.direction).toBe("from_contact");
    expect(config.openMode).toBe("after_reply");
    expect(config.message).toEqual(textToDocument("Hi"));
  });
});
