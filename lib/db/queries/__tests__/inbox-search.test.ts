import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { conversations, messages } = await import("@/lib/db/schema/conversations");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { searchInbox } = await import("@/lib/db/queries/inbox-search");
const { highlightParts } = await import("@/lib/inbox/inbox-search-text");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
type Row = typeof conversations.$inferInsert;

let ws: Fixture;
let other: Fixture;
const contactIds: Record<string, string> = {};
const ids: Record<string, string> = {};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function conversation(name: string, contact: string, texts: string[], values: Partial<Row> = {}, fixture = ws) {
  const id = randomUUID();
  ids[name] = id;
  await getDb()
    .insert(conversations)
    .values({
      id,
      workspaceId: fixture.workspaceId,
      contactId: contactIds[contact]!,
      channelId: fixture.chatChannelId,
      origin: "inbound",
      state: "open",
      openedAt: minutesAgo(500),
      lastMessageAt: minutesAgo(10),
      ...values,
    });
  for (const [index, text] of texts.entries()) {
    const content = contactTextToContent(text);
    await getDb()
      .insert(messages)
      .values({
        workspaceId: fixture.workspaceId,
        conversationId: id,
        authorType: "contact",
        body: content.json,
        html: content.html,
        text: content.text,
        createdAt: minutesAgo(400 - index),
      });
  }
}

const search = (query: string, status: "open" | "snoozed" | "closed" = "open", fixture = ws) =>
  searchInbox({ viewer: { workspaceId: fixture.workspaceId, userId: fixture.agentId }, query, status });
const names = (items: { id: string }[]) => items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? item.id);

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const [ada, grace, bob, walt] = await createContacts(getDb(), ws.workspaceId, [
    { firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.test", phone: "+14155550100" },
    { firstName: "Grace", lastName: "Hopper", email: "grace@navy.test" },
    { firstName: "Bob", lastName: "Stone", email: "bob@stone.test" },
    { firstName: "Walter", lastName: "Pitts", email: "walter@logic.test" },
  ]);
  Object.assign(contactIds, { ada, grace, bob, walt });
  const [zed] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Ada", lastName: "Lovelace", email: "ada@elsewhere.test" }]);
  contactIds.zed = zed!;

  await conversation("refund-once", "bob", ["Hello, I would like a refund for my order.", "Thanks!"], { lastMessageAt: minutesAgo(5) });
  await conversation("refund-many", "grace", ["Refund please. The refund was promised, and a refund is due."], { lastMessageAt: minutesAgo(50) });
  await conversation("shipping", "walt", ["Where is my parcel? The shipping label was printed last week."], { lastMessageAt: minutesAgo(1) });
  await conversation("ada-open", "ada", ["My invoice shows the wrong address."], { customerIdentifier: "ORDER-7731" });
  await conversation("closed-refund", "bob", ["I got my refund, you can close this."], { state: "closed", closedAt: minutesAgo(3) });
  await conversation("snoozed-refund", "walt", ["Refund pending with the bank."], { state: "snoozed", snoozedUntil: minutesAgo(-60) });
  // A campaign nobody answered: it is found on the contact's page, never in the inbox search.
  await conversation("campaign", "grace", ["Hi Grace, your refund offer expires soon: secretcampaignword."], { state: "campaign", openedAt: null, origin: "workflow" });
  await conversation("other-workspace", "zed", ["I need a refund, secretcampaignword."], {}, other);
});

describe("the inbox search", () => {
  it("finds conversations by a word of their messages, stemmed, ranked by how well they match", async () => {
    const results = await search("refunds");
    expect(names(results)).toEqual(["refund-many", "refund-once"]);
  });

  it("shows the matching words highlighted in a snippet, as text", async () => {
    const [first] = await search("parcel");
    expect(names([first!])).toEqual(["shipping"]);
    const parts = highlightParts(first!.snippet!);
    expect(parts.filter((part) => part.highlighted).map((part) => part.text)).toEqual(["parcel"]);
    expect(parts.map((part) => part.text).join("")).toContain("Where is my parcel?");
  });

  it("never finds an unopened campaign, nor another workspace's conversation", async () => {
    expect(await search("secretcampaignword")).toEqual([]);
    expect(names(await search("Lovelace"))).toEqual(["ada-open"]);
  });

  it("respects the status filter", async () => {
    expect(names(await search("refund", "closed"))).toEqual(["closed-refund"]);
    expect(names(await search("refund", "snoozed"))).toEqual(["snoozed-refund"]);
  });

  it("reads websearch syntax: a quoted phrase, -excluded words, or", async () => {
    expect(names(await search('"shipping label"'))).toEqual(["shipping"]);
    expect(names(await search('"label shipping"'))).toEqual([]);
    expect(names(await search("refund -promised"))).toEqual(["refund-once"]);
    expect(names(await search("parcel or invoice")).sort()).toEqual(["ada-open", "shipping"]);
  });

  it("finds a contact by name with a typo, by email, by phone however it is typed, by customer identifier", async () => {
    expect(names(await search("Lovelase"))).toEqual(["ada-open"]);
    expect(names(await search("Grace Hoper"))).toEqual(["refund-many"]);
    expect(names(await search("ada@analytical.test"))).toEqual(["ada-open"]);
    expect(names(await search("+1 (415) 555-0100"))).toEqual(["ada-open"]);
    expect(names(await search("order-7731"))).toEqual(["ada-open"]);
  });

  it("ranks a match on who the contact is above a match in what was said", async () => {
    await conversation("mentions-walter", "bob", ["Walter from accounting said to write here."], { lastMessageAt: minutesAgo(0) });
    expect(names(await search("Walter"))).toEqual(["shipping", "mentions-walter"]);
  });

  it("keeps what the contact wrote in the snippet, markup included, as text", async () => {
    await conversation("markup", "bob", ["<b>Urgent</b> <script>alert(1)</script> my gizmo broke"]);
    const [result] = await search("gizmo");
    // A snippet starts at a word, so the very first "<b>" may be cut; the rest is there, literally.
    expect(highlightParts(result!.snippet!).map((part) => part.text).join("")).toContain("Urgent</b> <script>alert(1)</script> my gizmo broke");
  });

  it("treats what the agent typed as words, never as SQL or markup", async () => {
    expect(await search("'; DROP TABLE messages; --")).toEqual([]);
    expect(await search("100%_")).toEqual([]);
    expect(await search("   ")).toEqual([]);
    expect(await search("<mark>")).toEqual([]);
  });
});
