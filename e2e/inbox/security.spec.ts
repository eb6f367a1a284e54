import { expect, test, type Page } from "@playwright/test";
import { casey, jordan, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { appDb, closeAppDb } from "./helpers/server-data";
import { ACME, ACME_CHAT, contactWritesIn, conversationRow, inboxUrl, thread, uniqueText } from "./helpers/inbox-page";

const GLOBEX = workspaces.globex.id;
const SUPPORT_TEAM = "0a0c0e00-0000-4000-8000-0000000000a1";

test.afterAll(closeAppDb);

async function acmeIds() {
  const { sql } = await import("drizzle-orm");
  const db = await appDb();
  const conversation = await db.execute<{ id: string; contact_id: string }>(sql`
    SELECT c.id, c.contact_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
    WHERE c.workspace_id = ${ACME} AND ct.first_name = 'Margaret' AND ct.last_name = 'Cerf' LIMIT 1`);
  const view = await db.execute<{ id: string }>(sql`
    INSERT INTO conversation_views (workspace_id, owner_user_id, name, shared, filters)
    VALUES (${ACME}, '0a0c0e00-0000-4000-8000-0000000000e3', 'Acme shared view', true, '{}'::jsonb) RETURNING id`);
  return { conversationId: conversation.rows[0]!.id, contactId: conversation.rows[0]!.contact_id, viewId: view.rows[0]!.id };
}

async function expectNotFound(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(page.getByText("We couldn't find that page")).toBeVisible();
}

test("an agent of another workspace gets 'not found' for a conversation, contact, view or team by URL", async ({ page, context }) => {
  const ids = await acmeIds();
  await signInAs(context, casey);
  await expectNotFound(page, `/${ACME}/inbox/all/c/${ids.conversationId}`);
  await expectNotFound(page, `/${GLOBEX}/inbox/all/c/${ids.conversationId}`);
  await expectNotFound(page, `/${GLOBEX}/contacts/${ids.contactId}`);
  await expectNotFound(page, `/${ACME}/contacts/${ids.contactId}`);
  await expectNotFound(page, `/${GLOBEX}/inbox/view/${ids.viewId}`);
  await expectNotFound(page, `/${GLOBEX}/inbox/team/${SUPPORT_TEAM}`);
  const events = await context.request.get(`/api/events?workspaceId=${ACME}`);
  expect(events.status()).toBe(404);
  // Their own inbox works, and shows nothing of Acme's.
  await page.goto(`/${GLOBEX}/inbox/all`);
  await expect(page.getByRole("heading", { level: 1, name: "All" })).toBeVisible();
  await expect(page.getByText("Margaret Cerf")).toHaveCount(0);
});

test("HTML and script in messages, contact names and attributes stay inert text everywhere", async ({ page, context, browser }) => {
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
  const text = uniqueText(`Hello ${payload}`);
  const contact = await contactWritesIn(browser, text);
  const dialogs: string[] = [];
  contact.page.on("dialog", (d) => dialogs.push(d.message()));
  await expect(contact.page.getByRole("list", { name: "Messages" })).toContainText(payload);

  // The contact's name and an attribute carry markup too (as an API or import could set them).
  const { sql } = await import("drizzle-orm");
  const db = await appDb();
  const marker = text.split(" ").at(-1)!;
  const updated = await db.execute<{ id: string }>(sql`
    UPDATE contacts SET first_name = ${`Eve ${marker} <img src=x onerror="window.__xss=3">`}, attributes = ${JSON.stringify({ note: "<script>window.__xss=4</script>" })}::jsonb
    WHERE id = (SELECT contact_id FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.text = ${text} LIMIT 1)
    RETURNING id`);
  const contactId = updated.rows[0]!.id;

  await signInAs(context, jordan);
  page.on("dialog", (d) => dialogs.push(d.message()));
  await page.goto(inboxUrl("unassigned"));
  const row = conversationRow(page, marker);
  await expect(row).toContainText(`Eve ${marker} <img src=x`);
  await row.click();
  await expect(thread(page).getByRole("article").first()).toContainText(payload);
  await thread(page).getByRole("textbox", { name: /Reply to/ }).fill(`Echo: ${payload}`);
  await thread(page).getByRole("button", { name: "Send reply" }).click();
  await expect(thread(page).getByRole("article", { name: "Message from Jordan Lee" })).toContainText(`Echo: ${payload}`);
  await expect(contact.page.getByRole("article", { name: "Message from Jordan Lee" })).toContainText(`Echo: ${payload}`, { timeout: 10_000 });

  await page.goto(`/${ACME}/contacts/${contactId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`<img src=x`);
  await expect(page.getByText("<script>window.__xss=4</script>")).toBeVisible();
  await page.goto(`/${ACME}/contacts?q=${encodeURIComponent(marker)}`);
  await expect(page.getByRole("table")).toContainText(`<img src=x`);

  for (const p of [page, contact.page]) {
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(p.locator('img[src="x"]')).toHaveCount(0);
  }
  expect(dialogs).toEqual([]);
  await contact.context.close();
});

test("a chat session sees only its own conversations", async ({ browser }) => {
  const secret = uniqueText("My account number is 12345");
  const first = await contactWritesIn(browser, secret);
  const second = await contactWritesIn(browser, uniqueText("Hi, I'm someone else"));
  await expect(second.page.getByRole("list", { name: "Messages" })).not.toContainText(secret);
  // Without the session header the API answers nothing.
  const anonymous = await second.context.request.get(`/api/chat/${ACME_CHAT}/messages`);
  expect(anonymous.status()).toBe(401);
  await first.context.close();
  await second.context.close();
});
