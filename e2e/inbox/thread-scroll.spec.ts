import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { contactWritesIn, conversationRow, inboxUrl, openConversationId, thread, uniqueText } from "./helpers/inbox-page";
import { appDb } from "./helpers/server-data";

test.use({ viewport: { width: 1440, height: 900 } });

test("a long thread opens at its latest message, loads older pages scrolling up, and says when new ones arrive instead of jumping", async ({ page, context, browser }) => {
  const text = uniqueText("Latest question");
  const contact = await contactWritesIn(browser, text);
  await signInAs(context, jordan);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  await expect(page).toHaveURL(/\/c\//);
  const id = openConversationId(page);

  // A long history before it: 80 earlier messages, an hour back.
  const db = await appDb();
  await db.execute(sql`
    INSERT INTO messages (workspace_id, conversation_id, author_type, body, html, text, created_at)
    SELECT c.workspace_id, c.id, 'contact',
           jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Earlier message ' || g))))),
           '<p>Earlier message ' || g || '</p>', 'Earlier message ' || g, now() - interval '1 hour' + make_interval(secs => g)
    FROM conversations c, generate_series(1, 80) g WHERE c.id = ${id}`);
  await page.reload();

  const t = thread(page);
  const list = t.getByRole("list", { name: "Messages" });
  // Opens at the end: the latest message in view, the oldest not even loaded.
  await expect(t.getByRole("article").filter({ hasText: text })).toBeInViewport();
  await expect(list.getByText("Earlier message 1", { exact: true })).toHaveCount(0);

  // Scrolling up loads the pages before, until the very first.
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(list.getByText("Earlier message 1", { exact: true })).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(list.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);
  await expect(list.getByRole("article")).toHaveCount(81);
  // Each page went in above what was on screen, which stayed put; the very top is the first message.
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(list.getByText("Earlier message 1", { exact: true })).toBeInViewport();

  // Scrolled up, a new message does not move the thread: a button says it arrived.
  const reply = uniqueText("One more thing");
  await contact.page.getByLabel("Your message").fill(reply);
  await contact.page.getByRole("button", { name: "Send" }).click();
  const marker = t.getByRole("button", { name: "1 new message" });
  await expect(marker).toBeVisible();
  await expect(list.getByText("Earlier message 1", { exact: true })).toBeInViewport();
  await marker.click();
  await expect(t.getByRole("article").filter({ hasText: reply })).toBeInViewport();
  await expect(marker).toHaveCount(0);

  // At the end, the next one is simply shown.
  const last = uniqueText("And another");
  await contact.page.getByLabel("Your message").fill(last);
  await contact.page.getByRole("button", { name: "Send" }).click();
  await expect(t.getByRole("article").filter({ hasText: last })).toBeInViewport();
  await expect(t.getByRole("button", { name: /new message/ })).toHaveCount(0);
  await contact.context.close();
});

test("a thread the agent read before opens at their first unread message, under a New messages marker, and at the latest once read", async ({ page, context, browser }) => {
  const text = uniqueText("Read before");
  const contact = await contactWritesIn(browser, text);
  await signInAs(context, jordan);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  await expect(page).toHaveURL(/\/c\//);
  const id = openConversationId(page);
  const t = thread(page);
  await expect(t.getByRole("article").filter({ hasText: text })).toBeInViewport();
  // Shown at the end of the thread: read up to there (the marker is the agent's own).
  const db = await appDb();
  const readAt = async () =>
    (await db.execute<{ at: string }>(sql`SELECT r.last_read_at::text AS at FROM conversation_reads r JOIN users u ON u.id = r.user_id WHERE r.conversation_id = ${id} AND u.email = ${jordan.email}`)).rows[0]?.at ?? null;
  await expect.poll(readAt).not.toBeNull();
  const conversationUrl = page.url();
  await page.goto(inboxUrl("unassigned"));

  // While the agent is elsewhere, the contact writes thirty more messages.
  await db.execute(sql`
    INSERT INTO messages (workspace_id, conversation_id, author_type, body, html, text, created_at)
    SELECT c.workspace_id, c.id, 'contact',
           jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Unread message ' || g))))),
           '<p>Unread message ' || g || '</p>', 'Unread message ' || g, now() + make_interval(secs => g)
    FROM conversations c, generate_series(1, 30) g WHERE c.id = ${id}`);
  await page.goto(conversationUrl);
  const list = t.getByRole("list", { name: "Messages" });
  // It opens at the first of them, under the marker; the latest is further down, out of view.
  await expect(list.getByText("New messages", { exact: true })).toBeInViewport();
  await expect(list.getByText("Unread message 1", { exact: true })).toBeInViewport();
  await expect(list.getByText("Unread message 30", { exact: true })).not.toBeInViewport();
  const before = await readAt();
  expect(before).not.toBeNull();
  await page.screenshot({ path: "test-results/thread-first-unread-1440.png" });
  await expectNoSeriousA11yViolations(page, "a thread opened at its first unread message");
  await page.setViewportSize({ width: 390, height: 844 });
  await list.getByText("New messages", { exact: true }).evaluate((marker) => marker.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "test-results/thread-first-unread-390.png" });
  await expectNoSeriousA11yViolations(page, "a thread opened at its first unread message (390 px)");
  await page.setViewportSize({ width: 1440, height: 900 });

  // Read to the end: the next visit opens at the latest, with no marker.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.getByText("Unread message 30", { exact: true })).toBeInViewport();
  await expect.poll(readAt).not.toBe(before);
  await page.reload();
  await expect(list.getByText("Unread message 30", { exact: true })).toBeInViewport();
  await expect(list.getByText("New messages", { exact: true })).toHaveCount(0);
  await contact.context.close();
});
