import { describe, expect, it, vi, beforeAll } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { contacts } = await import("@/lib/db/schema/contacts");
const { auditLog } = await import("@/lib/db/schema/platform");
const { createPeopleFixture, createPerson, addMember } = await import("@/lib/testing/people-fixture");
const { asMember } = await import("@/lib/testing/service-scope");
const { runService } = await import("@/lib/services/run-service");
const { createAttributeDefinition } = await import("@/lib/contacts/attribute-definitions");
const { createApiKey } = await import("@/lib/api/api-keys");
const { PUT } = await import("@/app/api/v1/contacts/[externalId]/route");
const { call, errorCode } = await import("@/lib/api/__tests__/api-fixtures");
const actions = await import("@/lib/actions/contacts");

let workspaceId: string;
let agent: { id: string };
let apiKey: string;

beforeAll(async () => {
  const fixture = await createPeopleFixture("Contact edits");
  workspaceId = fixture.workspaceId;
  agent = fixture.agent;
  const adminScope = await asMember(workspaceId, fixture.admin.id);
  await runService(adminScope, createAttributeDefinition, { key: "seats", label: "Seats", type: "number" });
  await runService(adminScope, createAttributeDefinition, { key: "renewal", label: "Renewal date", type: "date" });
  await runService(adminScope, createAttributeDefinition, { key: "active", label: "Active", type: "boolean" });
  await runService(adminScope, createAttributeDefinition, { key: "tier", label: "Tier", type: "list", options: ["Bronze", "Gold"] });
  await runService(adminScope, createAttributeDefinition, { key: "note", label: "Note", type: "text" });
  apiKey = (await runService(adminScope, createApiKey, { name: "CRM", scopes: ["contacts:write"] })).secret;
  signInAs(agent);
});

const put = (externalId: string, body: unknown) =>
  call(PUT, { method: "PUT", path: `/api/v1/contacts/${encodeURIComponent(externalId)}`, key: apiKey, body, params: { externalId } });
const contactRow = async (id: string) => (await getDb().select().from(contacts).where(eq(contacts.id, id)))[0]!;

describe("New contact and editing on the contact's page", () => {
  it("creates a contact with a phone stored as E.164, typed attributes stored typed, and tags; audited", async () => {
    const result = await actions.createContactAction({
      workspaceId,
      firstName: "Ada",
      lastName: "Lovelace",
      email: "Ada@Example.com",
      phone: "+1 (415) 555-0101",
      externalId: "  crm-1 ",
      attributes: { seats: "12", renewal: "2026-03-05", active: "yes", tier: "gold", note: "Met at the fair" },
      tags: ["vip", "beta", "vip"],
    });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const row = await contactRow(result.data.id);
    expect(row).toMatchObject({
      firstName: "Ada",
      email: "Ada@Example.com",
      phone: "+14155550101",
      externalId: "crm-1",
      attributes: { seats: 12, renewal: "2026-03-05", active: true, tier: "Gold", note: "Met at the fair" },
      tags: ["vip", "beta"],
    });
    const entries = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.targetId, row.id)));
    expect(entries).toEqual([expect.objectContaining({ action: "contact.created", actorUserId: agent.id })]);
  });

  it.each([
    ["email, ignoring case", { email: "ADA@example.com" }, "email", /Ada Lovelace already has the email “ADA@example.com”/],
    ["phone, in any format", { phone: "+1 415-555-0101" }, "phone", /Ada Lovelace already has the phone number “\+14155550101”/],
    ["external id, trimmed", { externalId: "crm-1  " }, "externalId", /Ada Lovelace already has the external id “crm-1”/],
  ])("refuses a new contact with another's %s, naming that contact (contact_exists)", async (_, fields, field, message) => {
    const [ada] = await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, "crm-1")));
    const result = await actions.createContactAction({ workspaceId, firstName: "Copy", ...fields });
    expect(result).toMatchObject({ ok: false, code: "contact_exists", error: expect.stringMatching(message), details: { field, contactId: ada!.id, contactName: "Ada Lovelace" } });
    expect(result.ok === false && result.fieldErrors).toEqual({ [field]: [expect.stringMatching(message)] });
  });

  it("refuses an edit that takes another contact's email, and allows keeping one's own", async () => {
    const created = await actions.createContactAction({ workspaceId, firstName: "Grace", email: "grace@example.com" });
    if (!created.ok) throw new Error(created.error);
    expect(await actions.updateContactAction({ workspaceId, contactId: created.data.id, email: "ada@example.com" })).toMatchObject({ ok: false, code: "contact_exists" });
    expect(await actions.updateContactAction({ workspaceId, contactId: created.data.id, email: "GRACE@example.com", lastName: "Hopper" })).toMatchObject({ ok: true });
    expect(await contactRow(created.data.id)).toMatchObject({ email: "GRACE@example.com", lastName: "Hopper" });
    // Blanking a field clears it.
    expect(await actions.updateContactAction({ workspaceId, contactId: created.data.id, email: "" })).toMatchObject({ ok: true });
    expect((await contactRow(created.data.id)).email).toBeNull();
  });

  it.each([
    ["seats", "a word", "twelve", /Seats: Enter a number/],
    ["seats", "exponent notation", "1e3", /Seats: Enter a number/],
    ["renewal", "a day that does not exist", "2026-02-30", /Renewal date: Enter a date as YYYY-MM-DD/],
    ["renewal", "another date format", "05/03/2026", /Renewal date: Enter a date/],
    ["active", "neither yes nor no", "maybe", /Active: Enter yes or no/],
    ["tier", "no option", "Platinum", /Tier: Choose one of: Bronze, Gold/],
    ["note", "too long a text", "x".repeat(2001), /at most 2,000 characters/],
  ])("refuses %s given %s through the page action, naming the attribute", async (key, _, value, message) => {
    const result = await actions.createContactAction({ workspaceId, firstName: "Typed", attributes: { [key]: value } });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(result.ok === false && (result.fieldErrors?.[`attributes.${key}`]?.[0] ?? result.error)).toMatch(message);
  });

  it("a blank value on the page removes the attribute; free attributes stay as they are", async () => {
    const created = await actions.createContactAction({ workspaceId, firstName: "Ines", attributes: { seats: "3", city: "Lima" } });
    if (!created.ok) throw new Error(created.error);
    expect(await actions.updateContactAction({ workspaceId, contactId: created.data.id, attributes: { seats: "" } })).toMatchObject({ ok: true });
    expect((await contactRow(created.data.id)).attributes).toEqual({ city: "Lima" });
  });

  it("adds and removes tags; adding one it has is a no-op", async () => {
    const created = await actions.createContactAction({ workspaceId, firstName: "Tagged" });
    if (!created.ok) throw new Error(created.error);
    const contactId = created.data.id;
    expect(await actions.addContactTagAction({ workspaceId, contactId, tag: " vip " })).toMatchObject({ ok: true, data: { tags: ["vip"] } });
    expect(await actions.addContactTagAction({ workspaceId, contactId, tag: "vip" })).toMatchObject({ ok: true, data: { tags: ["vip"] } });
    expect(await actions.addContactTagAction({ workspaceId, contactId, tag: "beta" })).toMatchObject({ ok: true, data: { tags: ["vip", "beta"] } });
    expect(await actions.removeContactTagAction({ workspaceId, contactId, tag: "vip" })).toMatchObject({ ok: true, data: { tags: ["beta"] } });
    expect((await contactRow(contactId)).tags).toEqual(["beta"]);
  });

  it("a member of another workspace cannot edit this one's contacts", async () => {
    const [ada] = await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, "crm-1")));
    const outsider = await createPerson("Oscar Outsider");
    const other = await createPeopleFixture("Elsewhere");
    await addMember(other.workspaceId, outsider, "owner");
    signInAs(outsider);
    try {
      // Another workspace is indistinguishable from a missing one.
      expect(await actions.updateContactAction({ workspaceId, contactId: ada!.id, firstName: "Hacked" })).toMatchObject({ ok: false, code: "not_found" });
      // Their own workspace does not see this contact.
      expect(await actions.updateContactAction({ workspaceId: other.workspaceId, contactId: ada!.id, firstName: "Hacked" })).toMatchObject({ ok: false, code: "not_found" });
    } finally {
      signInAs(agent);
    }
    expect((await contactRow(ada!.id)).firstName).toBe("Ada");
  });
});

describe("who may change contact attributes", () => {
  it("an agent edits contacts but cannot define, change or delete an attribute", async () => {
    const refused = await actions.createAttributeDefinitionAction({ workspaceId, key: "agent_made", label: "Agent made", type: "text" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("PUT /api/v1/contacts/{externalId}: the same rules", () => {
  it("refuses another contact's email or phone with 409 contact_exists naming them, and accepts the contact's own", async () => {
    const clash = await put("crm-2", { firstName: "Imposter", email: "ada@EXAMPLE.com" });
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatchObject({ code: "contact_exists", message: expect.stringMatching(/Ada Lovelace already has the email/), details: { field: "email", contactName: "Ada Lovelace" } });
    expect((await put("crm-2", { phone: "+14155550101" })).status).toBe(409);
    expect((await put("crm-1", { email: "ada@example.com", phone: "+14155550101" })).status).toBe(200);
  });

  it("validates typed attributes by their definitions, and stores them typed", async () => {
    const bad = await put("crm-3", { attributes: { seats: "many" } });
    expect(bad.status).toBe(400);
    expect(errorCode(bad.json)).toBe("invalid_input");
    expect(bad.json.error).toMatchObject({ message: expect.stringMatching(/Seats: Enter a number/) });
    expect((await put("crm-3", { attributes: { renewal: "2026-13-01" } })).status).toBe(400);
    expect((await put("crm-3", { attributes: { tier: "Silver" } })).status).toBe(400);
    expect((await put("crm-3", { attributes: { active: "perhaps" } })).status).toBe(400);
    const good = await put("crm-3", { attributes: { seats: "7", renewal: "2026-04-01", active: false, tier: "bronze", free: "kept" } });
    expect(good.status).toBe(201);
    expect(good.json.contact).toMatchObject({ attributes: { seats: 7, renewal: "2026-04-01", active: false, tier: "Bronze", free: "kept" } });
  });
});
