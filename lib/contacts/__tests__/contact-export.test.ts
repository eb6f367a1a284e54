import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { signInAs, signedIn } = await import("@/lib/testing/session-mock");
const { createContacts, createManyContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { contactAttributeDefinitions } = await import("@/lib/db/schema/contact-attributes");
const { contactCsvChunks } = await import("@/lib/contacts/contact-export");
const { searchContacts, CONTACTS_PAGE_SIZE } = await import("@/lib/db/queries/contacts");
const { GET: exportContacts } = await import("@/app/api/workspaces/[workspaceId]/contacts/export/route");

const db = getDb();
const fixture = await createWorkspaceFixture(db);
const stranger = await createWorkspaceFixture(db);

async function download(workspaceId: string, query = "") {
  const response = await exportContacts(new Request(`http://localhost/api/workspaces/${workspaceId}/contacts/export${query}`), { params: Promise.resolve({ workspaceId }) });
  // ignoreBOM keeps the byte-order mark in the text, to check it is there.
  return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

const rowsOf = (text: string) => parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];

describe("exporting the Contacts list as CSV", () => {
  it("writes every contact of the list's filter, in the list's order, with a column per attribute and the tags", async () => {
    await db.insert(contactAttributeDefinitions).values([
      { workspaceId: fixture.workspaceId, key: "renewal", label: "Renewal", type: "date" },
      { workspaceId: fixture.workspaceId, key: "seats", label: "Seats", type: "number" },
    ]);
    await createContacts(db, fixture.workspaceId, [
      { firstName: "Zoe", lastName: "Export", email: "zoe@example.com", phone: "+14155550101", tags: ["vip", "beta"], attributes: { renewal: "2026-03-05", seats: 12, city: "Lyon" } },
      { firstName: "Ann", lastName: "Export", email: "ann@example.com", attributes: { active: true } },
      { firstName: "Bob", lastName: "Other", email: "bob@example.com", attributes: { plan: "pro" } },
    ]);
    signInAs({ id: fixture.agentId });
    const { response, text } = await download(fixture.workspaceId, "?q=export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text.startsWith("\uFEFF")).toBe(true);

    const header = text.slice(1).split("\n")[0];
    // Defined attributes first, then the others the exported contacts carry (not Bob's "plan": he is filtered out).
    expect(header).toBe("Parley id,External id,First name,Last name,Email,Phone,Company,Tags,Created at,Updated at,renewal,seats,active,city");
    const rows = rowsOf(text);
    expect(rows.map((row) => row["First name"])).toEqual(["Ann", "Zoe"]);
    expect(rows[1]).toMatchObject({ Email: "zoe@example.com", Tags: "vip, beta", renewal: "2026-03-05", seats: "12", city: "Lyon", active: "" });
    // A phone starts with "+": prefixed so a spreadsheet does not evaluate it.
    expect(rows[1]!.Phone).toBe("'+14155550101");
    expect(rows[0]).toMatchObject({ active: "true", renewal: "", seats: "" });

    const audit = await db.execute<{ action: string; actor_user_id: string; data: unknown }>(sql`SELECT action, actor_user_id, data FROM audit_log WHERE workspace_id = ${fixture.workspaceId} AND action = 'contact.exported'`);
    expect(audit.rows).toEqual([{ action: "contact.exported", actor_user_id: fixture.agentId, data: { filter: { q: "export", audience: null } } }]);
  });

  it("honours the list's audience filter from the URL (tags, typed attributes), with the search", async () => {
    signInAs({ id: fixture.agentId });
    const filter = { tags: { any: ["vip"] }, attributes: [{ key: "seats", op: "gt", value: 10 }] };
    const { text } = await download(fixture.workspaceId, `?${new URLSearchParams({ q: "export", filter: JSON.stringify(filter) })}`);
    expect(rowsOf(text).map((row) => row["First name"])).toEqual(["Zoe"]);
    // A filter the list would ignore (not an audience filter) is ignored here too.
    const ignored = await download(fixture.workspaceId, `?${new URLSearchParams({ q: "export", filter: "{not json" })}`);
    expect(rowsOf(ignored.text).map((row) => row["First name"])).toEqual(["Ann", "Zoe"]);
  });

  it("prefixes every cell a spreadsheet would run as a formula", async () => {
    const w = await createWorkspaceFixture(db);
    await createContacts(db, w.workspaceId, [
      { firstName: "=HYPERLINK(\"http://evil.example\",\"x\")", lastName: "+1+1", email: "@sum@example.com", attributes: { note: "-2+3", tab: "\tcmd", plain: "safe", negative: -5 } },
    ]);
    signInAs({ id: w.builderId });
    const [row] = rowsOf((await download(w.workspaceId)).text);
    expect(row).toMatchObject({
      "First name": "'=HYPERLINK(\"http://evil.example\",\"x\")",
      "Last name": "'+1+1",
      Email: "'@sum@example.com",
      note: "'-2+3",
      tab: "'\tcmd",
      plain: "safe",
      // A number is data, not a formula: -5 stays -5.
      negative: "-5",
    });
  });

  it("streams in batches read by keyset, giving exactly the list's rows (page after page) with no duplicates", async () => {
    const w = await createWorkspaceFixture(db);
    await createManyContacts(db, w.workspaceId, 130);
    // Nameless contacts sort after named ones on the list; they must come out too.
    await createContacts(db, w.workspaceId, [{ email: "anon1@example.com" }, { email: "anon2@example.com" }]);
    const chunks: string[] = [];
    for await (const chunk of contactCsvChunks(db, w.workspaceId, { q: "", audience: null }, 25)) chunks.push(chunk);
    expect(chunks.length).toBe(1 + Math.ceil(132 / 25));
    const exported = rowsOf(chunks.join("")).map((row) => row["Parley id"]);

    const listed: string[] = [];
    for (let page = 1; ; page += 1) {
      const { items, hasMore } = await searchContacts({ workspaceId: w.workspaceId, query: "", page });
      listed.push(...items.map((item) => item.id));
      if (!hasMore) break;
    }
    expect(listed.length).toBeGreaterThan(CONTACTS_PAGE_SIZE);
    expect(exported).toEqual(listed);
  });

  it("answers only members: another workspace is 404, no session is 401", async () => {
    signInAs({ id: stranger.builderId });
    expect((await download(fixture.workspaceId)).response.status).toBe(404);
    expect((await download("not-a-uuid")).response.status).toBe(404);
    signedIn.user = null;
    expect((await download(fixture.workspaceId)).response.status).toBe(401);
  });
});
