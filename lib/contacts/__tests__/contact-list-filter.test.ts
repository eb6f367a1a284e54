import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { contacts } = await import("@/lib/db/schema/contacts");
const { workspaces } = await import("@/lib/db/schema/workspaces");
const { searchContacts } = await import("@/lib/db/queries/contacts");
const { countMatchingContacts } = await import("@/lib/contacts/count-matching-contacts");
const countContacts = (options: { workspaceId: string; query: string; filter: ReturnType<typeof readContactListFilter> }) =>
  countMatchingContacts(getDb(), options.workspaceId, { q: options.query, audience: options.filter }, { atMost: 10_000 });
const { readContactListFilter } = await import("@/lib/contacts/contact-list-filter");
const { listWorkspaceTags } = await import("@/lib/contacts/workspace-tags");

let workspaceId: string;

beforeAll(async () => {
  const [ws, other] = await getDb().insert(workspaces).values([{ name: "Listed" }, { name: "Other" }]).returning({ id: workspaces.id });
  workspaceId = ws!.id;
  await getDb()
    .insert(contacts)
    .values([
      { workspaceId, firstName: "Ann", attributes: { seats: 5, tier: "Gold" }, tags: ["vip", "beta"] },
      { workspaceId, firstName: "Bob", attributes: { seats: 50, tier: "Gold" }, tags: ["vip"] },
      { workspaceId, firstName: "Cat", attributes: { seats: 80, tier: "Bronze" }, tags: [] },
      { workspaceId: other!.id, firstName: "Elsewhere", attributes: { seats: 90, tier: "Gold" }, tags: ["vip"] },
    ]);
});

const url = (filter: unknown) => readContactListFilter(JSON.stringify(filter));

describe("the Contacts list filtered by tag and attribute", () => {
  it("lists and counts the contacts the audience compiler matches, in the workspace only", async () => {
    const filter = url({ attributes: [{ key: "seats", op: "gt", value: 10 }], tags: { any: ["vip"] } });
    expect(await countContacts({ workspaceId, query: "", filter })).toBe(1);
    expect((await searchContacts({ workspaceId, query: "", page: 1, filter })).items.map((c) => c.name)).toEqual(["Bob"]);
    const gold = url({ attributes: [{ key: "tier", op: "any_of", value: ["Gold"] }] });
    expect(await countContacts({ workspaceId, query: "", filter: gold })).toBe(2);
    // With a search too: both apply.
    expect(await countContacts({ workspaceId, query: "ann", filter: gold })).toBe(1);
    expect(await countContacts({ workspaceId, query: "", filter: null })).toBe(3);
  });

  it("ignores a filter the URL carries that is not a valid one, rather than failing", () => {
    expect(readContactListFilter("{not json")).toBeNull();
    expect(readContactListFilter(JSON.stringify({ attributes: [{ key: "x", op: "drop table" }] }))).toBeNull();
    expect(readContactListFilter(JSON.stringify({}))).toBeNull();
  });

  it("lists the workspace's tags alphabetically, for the autocomplete", async () => {
    expect(await listWorkspaceTags(getDb(), workspaceId)).toEqual(["beta", "vip"]);
    expect(await listWorkspaceTags(getDb(), workspaceId, { prefix: "B" })).toEqual(["beta"]);
  });
});
