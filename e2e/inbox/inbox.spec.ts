import { expect, test } from "@playwright/test";
import { jordan, riley, sam } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, blur, contactWritesIn, conversationList, conversationRow, inboxUrl, openConversationId, rowOf, thread, uniqueText, viewLink, waitForLive } from "./helpers/inbox-page";

test("views with counts, the list and a thread, accessible", async ({ page, context }) => {
  await signInAs(context, jordan);
  await page.goto(`/${ACME}/inbox`);
  await expect(page.getByRole("heading", { level: 1, name: "Your inbox" })).toBeVisible();
  // The seeded conversation assigned to Jordan.
  await expect(conversationRow(page, "Ada Lovelace")).toBeVisible();
  for (const name of ["Your inbox", "Unassigned", "All", "High Priority", "Started by workflows", "Inbound", "Support", "Sales"]) {
    await expect(viewLink(page, name)).toBeVisible();
  }
  await expect(viewLink(page, "High Priority")).toContainText(/\d+ open/);
  await expectNoSeriousA11yViolations(page, "inbox list");

  await viewLink(page, "High Priority").click();
  await expect(page).toHaveURL(inboxUrl("high-priority"));
  const row = conversationRow(page, "Margaret Cerf");
  await expect(row).toContainText("High priority");
  await expect(row).toContainText("Inbound");
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/inbox/high-priority/c/[0-9a-f-]{36}$`));
  const t = thread(page);
  await expect(t.getByRole("heading", { name: "Margaret Cerf" })).toBeVisible();
  await expect(t.getByRole("article", { name: "Message from Margaret Cerf" })).toContainText("wrong VAT number");
  await expect(t.getByRole("button", { name: "Reply", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousA11yViolations(page, "thread");
});

test("an agent replies, notes, assigns, prioritises, snoozes, closes and reopens", async ({ page, context, browser }) => {
  const text = uniqueText("My order never arrived");
  const contact = await contactWritesIn(browser, text);
  await signInAs(context, sam);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  await expect(page).toHaveURL(/\/c\//);
  const id = openConversationId(page);
  const row = rowOf(page, id);
  const t = thread(page);
  await expect(t.getByRole("article", { name: /Message from Anonymous visitor/ })).toContainText(text);

  // Reply: delivered to the contact, who sees it live with the agent's name.
  await t.getByRole("textbox", { name: "Reply to Anonymous visitor" }).fill("Sorry about that — checking now.");
  await t.getByRole("button", { name: "Send reply" }).click();
  await expect(t.getByRole("article", { name: "Message from Sam Rivera" })).toContainText("checking now");
  await expect(contact.page.getByRole("article", { name: "Message from Sam Rivera" })).toContainText("checking now");

  // Note: visibly distinct in the thread, never on the chat page.
  await t.getByRole("button", { name: "Note", exact: true }).click();
  await t.getByRole("textbox", { name: /Internal note/ }).fill("Carrier says the parcel is lost");
  await t.getByRole("button", { name: "Add note" }).click();
  const note = t.getByRole("article", { name: "Note from Sam Rivera" });
  await expect(note).toContainText("Carrier says the parcel is lost");
  await expect(note).toContainText("Note");
  // Visibly distinct: a note is not painted like a reply.
  const background = (locator: typeof note) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(note)).not.toBe(await background(t.getByRole("article", { name: "Message from Sam Rivera" })));

  // Assign to the Support team: it leaves Unassigned and shows under Support.
  await t.getByRole("button", { name: /^Assign/ }).click();
  await page.getByRole("menuitem", { name: "Support" }).filter({ hasNotText: "(round robin)" }).click();
  await expect(t.getByRole("button", { name: /^Assign \(currently Support\)/ })).toBeVisible();
  await expect(row).toHaveCount(0);
  await viewLink(page, "Support").click();
  await expect(row).toContainText("Support");

  // Priority.
  await row.click();
  await t.getByRole("button", { name: "High priority" }).click();
  await expect(t.getByRole("button", { name: "High priority" })).toHaveAttribute("aria-pressed", "true");
  await expect(row).toContainText("High priority");

  // Snooze until a time: out of the open list, into Snoozed.
  await t.getByRole("button", { name: "Snooze" }).click();
  await page.getByRole("button", { name: "In 1 hour" }).click();
  await expect(t.getByText("Snoozed", { exact: true })).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Snoozed" }).click();
  await expect(page).toHaveURL(/status=snoozed/);
  await expect(row).toBeVisible();

  // Close, then reopen from the Closed list.
  await row.click();
  await t.getByRole("button", { name: "Close" }).click();
  await expect(t.getByText("Closed", { exact: true })).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Closed" }).click();
  await row.click();
  await t.getByRole("button", { name: "Reopen" }).click();
  await expect(t.getByText("Open", { exact: true })).toBeVisible();

  await expect(contact.page.getByRole("list", { name: "Messages" })).not.toContainText("parcel is lost");
  await contact.context.close();
});

test("keyboard: j/k move, Enter opens, r/n compose, a assigns, e closes, ? lists the shortcuts", async ({ page, context, browser }) => {
  const text = uniqueText("Keyboard person here");
  const contact = await contactWritesIn(browser, text);
  await contact.context.close();
  await signInAs(context, sam);
  await page.goto(inboxUrl("unassigned"));
  await expect(conversationRow(page, text)).toBeVisible();
  const rows = conversationList(page).getByRole("link");

  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  // Newest first: our conversation is the first row.
  await expect(rows.nth(0)).toContainText(text);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox\/unassigned\/c\//);
  const t = thread(page);
  await expect(t.getByRole("article").first()).toContainText(text);

  await page.keyboard.press("n");
  await expect(t.getByRole("button", { name: "Note", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(t.getByRole("textbox", { name: /Internal note/ })).toBeFocused();
  // Typing in the editor is not a shortcut.
  await page.keyboard.type("jk");
  await expect(t.getByRole("textbox", { name: /Internal note/ })).toHaveText("jk");
  await blur(page);
  await page.keyboard.press("r");
  await expect(t.getByRole("button", { name: "Reply", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(t.getByRole("textbox", { name: /Reply to/ })).toBeFocused();
  await blur(page);

  await page.keyboard.press("a");
  await expect(page.getByRole("menuitem", { name: "Unassigned" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const line of ["Next conversation", "Previous conversation", "Open the highlighted conversation", "Reply to the contact", "Write an internal note", "Assign the conversation", "Close the conversation"]) {
    await expect(help).toContainText(line);
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("e");
  await expect(t.getByText("Closed", { exact: true })).toBeVisible();
  await expect(conversationRow(page, text)).toHaveCount(0);
});

test("Conversation Views: filter by URL, save shared or personal, rename, delete", async ({ page, context, browser }) => {
  await signInAs(context, jordan);
  await page.goto(`/${ACME}/inbox/all`);
  await page.getByRole("button", { name: "Filter" }).click();
  const dialog = page.getByRole("dialog", { name: "Filter conversations" });
  await dialog.getByRole("combobox", { name: "Origin" }).click();
  await page.getByRole("option", { name: "Inbound" }).click();
  await dialog.getByRole("combobox", { name: "Priority" }).click();
  await page.getByRole("option", { name: "High" }).click();
  await dialog.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ACME}/inbox\\?origin=inbound&priority=high$`));
  await expect(page.getByRole("heading", { level: 1, name: "Filtered conversations" })).toBeVisible();
  await expect(conversationRow(page, "Margaret Cerf")).toBeVisible();
  await expect(conversationRow(page, "Ada Lovelace")).toHaveCount(0);

  const name = uniqueText("Urgent inbound");
  await page.getByRole("button", { name: "Save as view" }).click();
  const save = page.getByRole("dialog", { name: "Save as a view" });
  await save.getByLabel("View name").fill(name);
  await save.getByLabel("Share with everyone in the workspace").check();
  await save.getByRole("button", { name: "Save view" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ACME}/inbox/view/[0-9a-f-]{36}$`));
  const viewUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(conversationRow(page, "Margaret Cerf")).toBeVisible();
  const listed = await conversationList(page).getByRole("link").count();
  await expect(viewLink(page, name)).toHaveText(new RegExp(` ${listed} open$`));

  // Shared: another agent opens it by URL. A personal one stays private ("not found").
  const other = await browser.newContext();
  await signInAs(other, riley);
  const otherPage = await other.newPage();
  await otherPage.goto(viewUrl);
  await expect(otherPage.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(conversationRow(otherPage, "Margaret Cerf")).toBeVisible();
  // Riley may not change Jordan's view.
  await expect(otherPage.getByRole("button", { name: "Edit view" })).toHaveCount(0);

  await page.getByRole("button", { name: "Edit view" }).click();
  const edit = page.getByRole("dialog", { name: "Edit view" });
  await edit.getByLabel("View name").fill(`${name} (mine)`);
  await edit.getByLabel("Share with everyone in the workspace").uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} (mine)` })).toBeVisible();
  const response = await otherPage.goto(viewUrl);
  expect(response?.status()).toBe(404);
  await other.close();

  await page.getByRole("button", { name: "Delete view" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete view" }).click();
  await expect(page).toHaveURL(inboxUrl("all"));
  await expect(page.getByRole("navigation", { name: "Inbox views" })).not.toContainText(name);
});

test("live: a contact's message lands in the list, counts and open thread without a reload", async ({ page, context, browser }) => {
  await signInAs(context, sam);
  await page.goto(inboxUrl("unassigned"));
  await waitForLive(page);
  const before = Number((await viewLink(page, "Unassigned").innerText()).match(/(\d+)/)?.[1] ?? 0);

  const text = uniqueText("Is anyone there");
  const contact = await contactWritesIn(browser, text);
  await expect(conversationRow(page, text)).toBeVisible({ timeout: 10_000 });
  await expect(viewLink(page, "Unassigned")).toContainText(`${before + 1}`);

  await conversationRow(page, text).click();
  await expect(thread(page).getByRole("article").first()).toContainText(text);
  await waitForLive(page);
  const second = uniqueText("Hello again");
  await contact.page.getByLabel("Your message").fill(second);
  await contact.page.getByLabel("Your message").press("Enter");
  await expect(thread(page).getByRole("article").last()).toContainText(second, { timeout: 10_000 });
  await expect(conversationRow(page, second)).toBeVisible();
  await contact.context.close();
});
