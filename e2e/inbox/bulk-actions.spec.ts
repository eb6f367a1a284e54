import { expect, test, type Page } from "@playwright/test";
import { jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { contactWritesIn, conversationRow, inboxUrl, uniqueText, waitForLive } from "./helpers/inbox-page";

const tick = async (page: Page, text: string, modifiers: "Shift"[] = []) => {
  const id = await conversationRow(page, text).getAttribute("data-inbox-row");
  await page.locator(`[data-bulk-row="${id}"]`).click({ modifiers });
};

test("an agent ticks a range of conversations with shift-click and closes them at once; the list updates", async ({ page, context, browser }) => {
  const token = uniqueText("bulkclose").split(" ")[1]!;
  const texts = [`First parcel ${token}`, `Second parcel ${token}`, `Third parcel ${token}`];
  for (const text of texts) await contactWritesIn(browser, text);

  await signInAs(context, jordan);
  // The search narrows the list to this test's three conversations, whatever else the inbox holds.
  await page.goto(inboxUrl("all", `q=${token}`));
  await waitForLive(page);
  for (const text of texts) await expect(conversationRow(page, text)).toBeVisible();

  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  const ordered = await page.locator("[data-inbox-row]").evaluateAll((rows) => rows.map((row) => row.textContent ?? ""));
  const position = (text: string) => ordered.findIndex((row) => row.includes(text));
  const [top, , bottom] = [...texts].sort((a, b) => position(a) - position(b));
  await tick(page, top!);
  await expect(bar).toContainText("1 selected");
  // Shift-click ticks every row between the last one clicked and this one.
  await tick(page, bottom!, ["Shift"]);
  await expect(bar).toContainText("3 selected");
  await expectNoSeriousA11yViolations(page, "inbox list with a selection");

  await bar.getByRole("button", { name: "Close" }).click();
  const outcome = page.getByRole("status").filter({ hasText: "Closed 3 conversations." });
  await expect(outcome).toBeVisible();
  for (const text of texts) await expect(conversationRow(page, text)).toHaveCount(0);
  // The search showed only these three: the emptied list still says what was done.
  await expect(outcome).toBeVisible();

  // They are closed: the Closed status lists them.
  await page.goto(inboxUrl("all", `q=${token}&status=closed`));
  for (const text of texts) await expect(conversationRow(page, text)).toBeVisible();
});
