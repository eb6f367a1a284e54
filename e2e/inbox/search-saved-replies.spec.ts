import { expect, test } from "@playwright/test";
import { jordan, sam } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, blur, contactWritesIn, conversationRow, inboxUrl, thread, uniqueText } from "./helpers/inbox-page";

test("search finds a conversation by a word of its messages, the word highlighted and markup shown as text", async ({ page, context, browser }) => {
  const word = `zebrafish${Date.now().toString(36)}`;
  const text = `Please help: <b>my</b> ${word} parcel went missing yesterday`;
  await contactWritesIn(browser, text);
  await signInAs(context, jordan);
  await page.goto(inboxUrl("you"));

  // "/" goes to the search box, from anywhere in the inbox.
  await blur(page);
  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search conversations" });
  await expect(box).toBeFocused();
  await box.fill(`${word} parcels`);
  await box.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "1 open conversation matches" })).toBeVisible();

  const row = conversationRow(page, word);
  await expect(row).toBeVisible();
  // The matched words are marked; the contact's "<b>" is text, never markup.
  await expect(row.locator("mark")).toHaveText([word, "parcel"]);
  await expect(row).toContainText("<b>my</b>");
  await expect(row.locator("b")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "search results");

  // Opening a result keeps the search around it.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/c/[0-9a-f-]{36}\\?q=`));
  await expect(thread(page).getByRole("article", { name: /Message from Anonymous visitor/ })).toContainText(word);
  await expect(conversationRow(page, word)).toBeVisible();

  // The status filter applies: it is not closed.
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Closed" }).click();
  await expect(page.getByText("No matches")).toBeVisible();

  // Clearing the search brings the view back.
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
});

test("a shared saved reply is inserted filled in for the contact, a missing value left as a gap that blocks the send until filled", async ({ page, context, browser }) => {
  const title = uniqueText("Parcel follow-up");
  // An admin writes a shared reply in Settings › Saved replies.
  await signInAs(context, sam);
  await page.goto(`/${ACME}/settings/saved-replies`);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("textbox", { name: "Reply" }).click();
  await page.keyboard.type('Hi {{first_name | fallback: "there"}}, your parcel for {{company}} is on its way. ');
  await page.getByRole("checkbox", { name: "Shared with the workspace" }).check();
  await page.getByRole("button", { name: "Add saved reply" }).click();
  await expect(page.getByText(`“${title}” saved.`)).toBeVisible();
  await expect(page.locator(`[data-saved-reply="${title}"]`)).toContainText("Shared");
  await expectNoSeriousA11yViolations(page, "saved replies settings");

  // An agent answers an anonymous visitor (no name, no company) with it, typing "/" first.
  const text = uniqueText("Where is my parcel");
  await contactWritesIn(browser, text);
  const agent = await browser.newContext();
  await signInAs(agent, jordan);
  const agentPage = await agent.newPage();
  await agentPage.goto(inboxUrl("unassigned"));
  await conversationRow(agentPage, text).click();
  const t = thread(agentPage);
  const composer = t.getByRole("textbox", { name: "Reply to Anonymous visitor" });
  await composer.click();
  await agentPage.keyboard.type(`/${title.split(" ").at(-1)}`);
  const list = agentPage.getByRole("listbox", { name: "Saved replies" });
  await expect(list.getByRole("option")).toHaveText([new RegExp(title)]);
  await agentPage.keyboard.press("Enter");

  // Filled in: the fallback for the missing first name; the company, with no value and no fallback, a marked gap.
  await expect(composer).toContainText("Hi there, your parcel for");
  await expect(composer).not.toContainText("/");
  const gap = t.getByRole("button", { name: /^Gap to fill: Company/ });
  await expect(gap).toBeVisible();
  await expect(t.getByText(/Fill in the marked gap before sending \(Company\)/)).toBeVisible();
  await expectNoSeriousA11yViolations(agentPage, "composer with a saved reply");

  // Sending with the gap is refused, plainly; nothing goes out.
  await t.getByRole("button", { name: "Send reply" }).click();
  await expect(t.getByText("{{company}} has no value for this contact and no fallback.")).toBeVisible();
  await expect(t.getByRole("article", { name: "Message from Jordan Lee" })).toHaveCount(0);

  // Filled, it goes.
  await gap.click();
  await agentPage.getByLabel("Fallback").fill("Acme Outdoors");
  await agentPage.getByLabel("Fallback").press("Enter");
  await expect(t.getByText(/Fill in the marked gap/)).toHaveCount(0);
  await t.getByRole("button", { name: "Send reply" }).click();
  await expect(t.getByRole("article", { name: /^Message from Jordan/ })).toContainText("Hi there, your parcel for Acme Outdoors is on its way.");

  // The button opens the same list, searchable.
  await t.getByRole("button", { name: "Saved replies" }).click();
  await agentPage.getByRole("searchbox", { name: "Search saved replies" }).fill(title);
  await agentPage.getByRole("button", { name: new RegExp(title) }).click();
  await expect(composer).toContainText("Hi there, your parcel for");
  await agent.close();
});
