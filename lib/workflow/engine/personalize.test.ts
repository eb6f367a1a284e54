import { describe, expect, it } from "vitest";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { batchRenderer, describeRenderFailure, renderContextFor, type ContactRow } from "./personalize";

const contact = (overrides: Partial<ContactRow>): ContactRow => ({
  id: "c",
  first_name: null,
  last_name: null,
  email: null,
  phone: null,
  company: null,
  attributes: {},
  ...overrides,
});

describe("personalising a message for a batch of contacts", () => {
  it("fills variables and fallbacks per contact and never leaves a raw placeholder", () => {
    const render = batchRenderer(textToDocument('Hi {{first_name | fallback: "there"}}, your plan is {{plan}}'));
    const ada = render(renderContextFor(contact({ first_name: "Ada", attributes: { plan: "Pro" } }), {}));
    const anonymous = render(renderContextFor(contact({ attributes: { plan: "Free" } }), {}));
    expect(ada.ok && ada.text).toBe("Hi Ada, your plan is Pro");
    expect(anonymous.ok && anonymous.text).toBe("Hi there, your plan is Free");
    const missing = render(renderContextFor(contact({ first_name: "Bo" }), {}));
    expect(missing).toMatchObject({ ok: false, missing: ["plan"] });
    if (!missing.ok) expect(describeRenderFailure(missing)).toBe("plan is empty for this contact and has no fallback.");
  });

  it("renders once per distinct set of values, not once per contact", () => {
    const render = batchRenderer(textToDocument("Hi {{first_name}}"));
    const first = render(renderContextFor(contact({ id: "1", first_name: "Ada", last_name: "L" }), {}));
    const second = render(renderContextFor(contact({ id: "2", first_name: "Ada", last_name: "Other" }), {}));
    expect(second).toBe(first);
    expect(render(renderContextFor(contact({ first_name: "Grace" }), {}))).not.toBe(first);
  });

  it("resolves {{session.id}} and {{sender.name}} from the run", () => {
    const render = batchRenderer(textToDocument("{{sender.name}} here, session {{session.id}}"));
    const result = render(renderContextFor(contact({}), { sessionId: "s-1", senderName: "Sam" }));
    expect(result.ok && result.text).toBe("Sam here, session s-1");
  });

  it("names malformed placeholders", () => {
    const render = batchRenderer(textToDocument("Hi {{ }}"));
    const result = render(renderContextFor(contact({}), {}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeRenderFailure(result)).toBe("The message contains “{{ }}”, which is not a valid variable.");
  });
});
