import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { previewMessageForContact, searchPreviewContacts } = await import("@/lib/workflow/service/message-preview");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;
let ids: { anonymous: string; frances: string; grace: string; emailOnly: string };

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const [grace, frances, emailOnly, anonymous] = await createContacts(getDb(), ws.workspaceId, [
    { firstName: "Grace", lastName: "Hopper", attributes: { plan: "pro" } },
    { firstName: "Frances", lastName: "Hamilton", attributes: { plan: "" } },
    { email: "quiet@example.com", attributes: { plan: "team" } },
    {},
  ]);
  ids = { grace: grace!, frances: frances!, emailOnly: emailOnly!, anonymous: anonymous! };
});

const builder = () => asMember(ws.workspaceId, ws.builderId);
const preview = async (text: string, contactId?: string) => runService(await builder(), previewMessageForContact, { message: textToDocument(text), contactId });

describe("the builder's message preview", () => {
  it("defaults to the contact with values for the most of the message's variables, the same one on every visit", async () => {
    const first = await preview("Hi {{first_name}}, your {{plan}} plan");
    expect(first.contact).toMatchObject({ id: ids.grace, name: "Grace Hopper" });
    expect(first.missing).toEqual([]);
    expect(first.html).toContain("Hi Grace, your pro plan");

    // Another contact edited since (what the old "most recently updated" default followed) changes nothing.
    await getDb().execute(sql`UPDATE contacts SET updated_at = now() + interval '1 hour' WHERE id = ${ids.anonymous}`);
    expect((await preview("Hi {{first_name}}, your {{plan}} plan")).contact?.id).toBe(ids.grace);

    // Only {{plan}}: Frances's is empty, so a contact who has one (and a name) is preferred.
    expect((await preview("Your {{plan}} plan")).contact?.id).toBe(ids.grace);
    // No contact variable at all: a named contact rather than one with no name.
    expect((await preview("Hello there")).contact?.name).not.toBe("Anonymous visitor");
  });

  it("renders for the contact the builder chose, named as everywhere else, and never for another workspace's", async () => {
    const chosen = await preview("Hi {{first_name}}", ids.frances);
    expect(chosen.contact).toEqual({ id: ids.frances, name: "Frances Hamilton", email: null });
    expect(chosen.html).toContain("Hi Frances");

    const emailOnly = await preview("Hi {{first_name}}", ids.emailOnly);
    expect(emailOnly.contact?.name).toBe("quiet@example.com");
    expect(emailOnly.missing).toEqual(["first_name"]);
    expect((await preview("Hi", ids.anonymous)).contact?.name).toBe("Anonymous visitor");

    const [theirs] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Mallory" }]);
    const elsewhere = await preview("Hi {{first_name}}", theirs!);
    expect(elsewhere.contact?.id).not.toBe(theirs);
    expect(elsewhere.html).not.toContain("Mallory");
  });

  it("finds contacts to preview with by name or email, in this workspace only", async () => {
    await createContacts(getDb(), other.workspaceId, [{ firstName: "Frances", lastName: "Elsewhere" }]);
    const byName = await runService(await builder(), searchPreviewContacts, { query: "fran" });
    expect(byName).toEqual([{ id: ids.frances, name: "Frances Hamilton", email: null }]);
    const byEmail = await runService(await builder(), searchPreviewContacts, { query: "quiet@" });
    expect(byEmail.map((contact) => contact.id)).toEqual([ids.emailOnly]);
  });
});
