import { describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { searchContacts } = await import("@/lib/db/queries/contacts");

describe("searchContacts", () => {
  it("lists named people first, alphabetically, and nameless visitors after them", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await createContacts(getDb(), ws.workspaceId, [{}, { firstName: "zoe" }, { email: "nobody@example.com" }, { firstName: "Ada", lastName: "Lovelace" }, { lastName: "Byron" }]);
    const { items } = await searchContacts({ workspaceId: ws.workspaceId, query: "", page: 1 });
    expect(items.map((item) => item.name)).toEqual(["Byron", "Ada Lovelace", "zoe", expect.any(String), expect.any(String)]);
    expect(items.slice(3).map((item) => item.name).sort()).toEqual(["Anonymous visitor", "nobody@example.com"]);
  });

  it("finds by part of a name, email or phone, in this workspace only", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const other = await createWorkspaceFixture(getDb());
    await createContacts(getDb(), ws.workspaceId, [{ firstName: "Grace", email: "grace@navy.example" }, { firstName: "Alan", phone: "+14155550199" }]);
    await createContacts(getDb(), other.workspaceId, [{ firstName: "Grace" }]);
    expect((await searchContacts({ workspaceId: ws.workspaceId, query: "gra", page: 1 })).items.map((item) => item.name)).toEqual(["Grace"]);
    expect((await searchContacts({ workspaceId: ws.workspaceId, query: "5550199", page: 1 })).items.map((item) => item.name)).toEqual(["Alan"]);
    expect((await searchContacts({ workspaceId: ws.workspaceId, query: "100%", page: 1 })).items).toEqual([]);
  });

  it("finds the contact a whole email address names, ignoring case, and not others that merely contain it", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ann", email: "Ann@Example.com" }, { firstName: "Joann", email: "joann@example.com" }]);
    const names = async (query: string) => (await searchContacts({ workspaceId: ws.workspaceId, query, page: 1 })).items.map((item) => item.name);
    expect(await names("ann@example.COM")).toEqual(["Ann"]);
    // Part of an address is still a search inside every address.
    expect(await names("ann@example")).toEqual(["Ann", "Joann"]);
  });
});
