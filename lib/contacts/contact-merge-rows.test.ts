import { describe, expect, it } from "vitest";
import { mergeRows } from "./contact-merge-rows";

const contact = (overrides: Partial<Parameters<typeof mergeRows>[0]> = {}): Parameters<typeof mergeRows>[0] => ({
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  company: null,
  externalId: null,
  attributes: {},
  tags: [],
  ...overrides,
});

describe("the merge page's rows", () => {
  it("asks only where both contacts have a value and the values differ", () => {
    const rows = mergeRows(
      contact({ firstName: "Ada", email: "a@example.com", company: "Acme", attributes: { plan: "pro", seats: 3 }, tags: ["vip"] }),
      contact({ firstName: "Ada", email: "b@example.com", phone: "+14155550123", attributes: { plan: "team", city: "Oslo" }, tags: ["crm", "vip"] }),
    );
    const byKey = Object.fromEntries(rows.map((row) => [`${row.kind}:${row.key}`, row]));
    expect(byKey["field:firstName"]).toMatchObject({ differs: false, survivor: "Ada" });
    expect(byKey["field:email"]).toMatchObject({ differs: true, survivor: "a@example.com", merged: "b@example.com" });
    expect(byKey["field:phone"]).toMatchObject({ differs: false, survivor: null, merged: "+14155550123" });
    expect(byKey["attribute:plan"]).toMatchObject({ differs: true });
    expect(byKey["attribute:seats"]).toMatchObject({ differs: false, survivor: "3" });
    expect(byKey["attribute:city"]).toMatchObject({ differs: false, merged: "Oslo" });
    expect(byKey["tags:tags"]).toMatchObject({ differs: false, survivor: "vip, crm" });
    // Standard fields first, in a fixed order; attributes alphabetically; tags last.
    expect(rows.map((row) => row.key)).toEqual(["firstName", "lastName", "email", "phone", "company", "externalId", "city", "plan", "seats", "tags"]);
  });

  it("treats blank text as no value", () => {
    const [first] = mergeRows(contact({ firstName: "  " }), contact({ firstName: "Grace" }));
    expect(first).toMatchObject({ survivor: null, merged: "Grace", differs: false });
  });
});
