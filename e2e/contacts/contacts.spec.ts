import { expect, test } from "@playwright/test";
import { riley } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME } from "@/e2e/inbox/helpers/inbox-page";

const contactsUrl = `/${ACME}/contacts`;

test("search contacts by name, email or phone, page through them, open one", async ({ page, context }) => {
  await signInAs(context, riley);
  await page.goto(contactsUrl);
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(26); // header + a page of 25
  await expectNoSeriousA11yViolations(page, "contacts list");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2", { exact: true })).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search contacts" });
  await search.fill("lovelace");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=lovelace/);
  const rows = table.getByRole("row");
  await expect(rows.first()).toBeVisible();
  for (const name of await table.getByRole("link").allTextContents()) expect(name.toLowerCase()).toContain("lovelace");

  await search.fill("ada.lovelace.1@");
  await search.press("Enter");
  await expect(table.getByRole("link")).toHaveText(["Ada Lovelace"]);
  await search.fill("+12025550100");
  await search.press("Enter");
  await expect(table.getByRole("link")).toHaveText(["Ada Lovelace"]);
  // Wildcards are literal: "%" matches nobody.
  await search.fill("%");
  await search.press("Enter");
  await expect(page.getByRole("heading", { name: "No contacts match" })).toBeVisible();

  await search.fill("ada.lovelace.1@");
  await search.press("Enter");
  await table.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Details" })).toBeVisible();
  for (const label of ["plan", "city", "seats"]) await expect(page.getByText(label, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Open conversations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Campaign messages" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Open chat as this contact/ }).first()).toHaveAttribute("href", /\/chat\/.+user_hash=[0-9a-f]{64}/);
  await expectNoSeriousA11yViolations(page, "contact page");
});
