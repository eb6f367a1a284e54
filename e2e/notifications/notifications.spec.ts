import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { createAcmeAgent } from "@/e2e/account/helpers";
import { workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { appDb } from "@/e2e/inbox/helpers/server-data";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { contactWritesIn, inboxUrl, uniqueText, waitForLive } from "@/e2e/inbox/helpers/inbox-page";

/**
 * The browser under test may look away: each page reports itself hidden and unfocused while
 * window.__away is set (as when the agent is in another application), and every desktop
 * notification the page creates is recorded before the real one is shown.
 */
async function agentContext(context: BrowserContext) {
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(() => {
    const w = window as unknown as { __away: boolean; __shown: { title: string; body?: string; tag?: string }[] };
    w.__away = false;
    w.__shown = [];
    Object.defineProperty(document, "visibilityState", { get: () => (w.__away ? "hidden" : "visible") });
    Object.defineProperty(document, "hidden", { get: () => w.__away });
    const hasFocus = document.hasFocus.bind(document);
    document.hasFocus = () => !w.__away && hasFocus();
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        w.__shown.push({ title, body: options?.body, tag: options?.tag });
        super(title, options);
      }
    }
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    window.Notification = Recorded as typeof Notification;
  });
}

const lookAway = (page: Page, away: boolean) =>
  page.evaluate((value) => {
    (window as unknown as { __away: boolean }).__away = value;
    document.dispatchEvent(new Event("visibilitychange"));
  }, away);
const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown);

test("a contact's message in the agent's conversation counts in the tab titles and shows one desktop notification across two tabs", async ({ browser }) => {
  test.setTimeout(120_000);
  const agent = await createAcmeAgent("Nia Notified");
  const text = uniqueText("Need help with my order");
  const contact = await contactWritesIn(browser, text);
  const db = await appDb();
  const [row] = await db
    .execute<{ id: string }>(sql`UPDATE conversations SET assignee_user_id = ${agent.id} WHERE id = (SELECT conversation_id FROM messages WHERE text = ${text}) RETURNING id`)
    .then((r) => r.rows);
  expect(row).toBeTruthy();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await agentContext(context);
  await signInAs(context, agent);
  const first = await context.newPage();
  await first.goto(inboxUrl("you"));
  await waitForLive(first);
  const second = await context.newPage();
  await second.goto(inboxUrl("you"));
  await waitForLive(second);
  const title = await first.title();
  await lookAway(first, true);
  await lookAway(second, true);

  const reply = uniqueText("Anyone there?");
  await contact.page.getByLabel("Your message").fill(reply);
  await contact.page.getByRole("button", { name: "Send" }).click();

  // Both tabs count it in their title (so both have handled the event); the desktop notification
  // was shown once, by one of them.
  await expect(first).toHaveTitle(`(1) ${title}`);
  await expect(second).toHaveTitle(`(1) ${title}`);
  await expect.poll(async () => [...(await shown(first)), ...(await shown(second))]).toEqual([expect.objectContaining({ title: "New message from Anonymous visitor", body: reply })]);

  // Looking at either tab clears the count in both.
  await lookAway(second, false);
  await expect(second).toHaveTitle(title);
  await expect(first).toHaveTitle(title);

  // While the agent looks at the inbox, nothing more is counted or shown.
  const another = uniqueText("Hello again");
  await contact.page.getByLabel("Your message").fill(another);
  await contact.page.getByRole("button", { name: "Send" }).click();
  await expect(second.getByText(another).first()).toBeVisible();
  expect(await second.title()).toBe(title);
  await contact.context.close();
  await context.close();
});

test("notifications reach the agent on any page of the app: on their profile, a contact's message counts in the tab title and shows a desktop notification", async ({ browser }) => {
  test.setTimeout(120_000);
  const agent = await createAcmeAgent("Olu Elsewhere");
  const text = uniqueText("Question from elsewhere");
  const contact = await contactWritesIn(browser, text);
  const db = await appDb();
  await db.execute(sql`UPDATE conversations SET assignee_user_id = ${agent.id} WHERE id = (SELECT conversation_id FROM messages WHERE text = ${text})`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await agentContext(context);
  await signInAs(context, agent);
  const page = await context.newPage();
  // Not the inbox: the agent is on their profile.
  await page.goto(`/${workspaces.acme.id}/profile`);
  await waitForLive(page);
  const title = await page.title();
  await lookAway(page, true);

  const reply = uniqueText("Still there?");
  await contact.page.getByLabel("Your message").fill(reply);
  await contact.page.getByRole("button", { name: "Send" }).click();
  await expect(page).toHaveTitle(`(1) ${title}`);
  await expect.poll(() => shown(page)).toEqual([expect.objectContaining({ title: "New message from Anonymous visitor", body: reply })]);
  // Still the profile: nothing navigated the agent away.
  expect(new URL(page.url()).pathname).toBe(`/${workspaces.acme.id}/profile`);
  await lookAway(page, false);
  await expect(page).toHaveTitle(title);
  await contact.context.close();
  await context.close();
});

test("an agent chooses their notifications in their profile", async ({ browser }) => {
  const agent = await createAcmeAgent("Pat Preferences");
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport });
    await signInAs(context, agent);
    const page = await context.newPage();
    await page.goto(`/${workspaces.acme.id}/profile`);
    const card = page.getByRole("group", { name: "By email" });
    await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Allow in this browser" })).toBeVisible();
    await page.getByRole("heading", { name: "Notifications" }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `test-results/notification-preferences-${viewport.width}.png` });
    await expectNoSeriousA11yViolations(page, "the profile's notifications");
    await expect(card.getByLabel("After (minutes)")).toHaveValue(viewport.width === 1440 ? "10" : "25");
    if (viewport.width === 1440) {
      await page.getByRole("checkbox", { name: "Contacts' messages" }).click();
      await card.getByLabel("After (minutes)").fill("25");
      await page.getByRole("button", { name: "Save notifications" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Notifications saved." })).toBeVisible();
      await card.getByLabel("After (minutes)").fill("0");
      await page.getByRole("button", { name: "Save notifications" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "At least 1 minute." })).toBeVisible();
    } else {
      await expect(page.getByRole("checkbox", { name: "Contacts' messages" })).not.toBeChecked();
      await expect(page.getByRole("checkbox", { name: "New conversations" })).toBeChecked();
    }
    await context.close();
  }
});
