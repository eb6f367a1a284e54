import { expect, test, type Page } from "@playwright/test";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME } from "@/e2e/inbox/helpers/inbox-page";
import { canvasNode, createWorkflow, dragFromPalette } from "@/e2e/workflows/builder-helpers";

// Keys, tags and addresses unique to this run, so the spec can run again on the same server.
const run = Date.now().toString(36).slice(-5);
const renewalKey = `renewal_${run}`;
const tierKey = `tier_${run}`;
const tag = `e2e-${run}`;
const renewalLabel = `Renewal ${run}`;
const tierLabel = `Tier ${run}`;
const phoneDigits = String(Date.now() % 10_000).padStart(4, "0");

async function screenshots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/contact-model/${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("create a contact, a clash, typed attributes, tags with autocomplete, and the list filtered with its count", async ({ page, context }) => {
  await signInAs(context, alex);

  // Settings › Contact attributes, from the settings index.
  await page.goto(`/${ACME}/settings`);
  await page.getByRole("link", { name: /Contact attributes/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contact attributes" })).toBeVisible();
  const define = page.getByRole("form", { name: "Define a contact attribute" });
  await define.getByLabel("Key").fill(renewalKey);
  await define.getByLabel("Label").fill(renewalLabel);
  await define.getByLabel("Type").click();
  await page.getByRole("option", { name: "Date" }).click();
  await define.getByRole("button", { name: "Add attribute" }).click();
  await expect(page.getByText(`“${renewalLabel}” defined.`)).toBeVisible();
  await define.getByLabel("Key").fill(tierKey);
  await define.getByLabel("Label").fill(tierLabel);
  await define.getByLabel("Type").click();
  await page.getByRole("option", { name: "One of a list" }).click();
  await define.getByLabel("Options").fill("Gold\nSilver");
  await define.getByRole("button", { name: "Add attribute" }).click();
  await expect(page.getByText(`“${tierLabel}” defined.`)).toBeVisible();
  // A key defined twice is refused, by the field.
  await define.getByLabel("Key").fill(tierKey);
  await define.getByLabel("Label").fill("Again");
  await define.getByRole("button", { name: "Add attribute" }).click();
  await expect(define.getByRole("alert").filter({ hasText: "is already defined" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "contact attributes settings");
  await screenshots(page, "contact-attributes");

  // Contacts › New contact.
  await page.goto(`/${ACME}/contacts`);
  await page.getByRole("link", { name: "New contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New contact" })).toBeVisible();
  const form = page.getByRole("form", { name: "New contact" });
  await form.getByLabel("First name").fill("Nia");
  await form.getByLabel("Last name").fill(`Okafor ${run}`);
  // A clash: the seed's Ada Lovelace has this email (in another case): the message names her, with a link.
  await form.getByLabel("Email").fill("ADA.Lovelace.1@example.com");
  await form.getByRole("button", { name: "Create contact" }).click();
  await expect(form.getByRole("alert").filter({ hasText: /Ada Lovelace already has the email “ADA.Lovelace.1@example.com”/ })).toBeVisible();
  await expect(form.getByRole("link", { name: "Open Ada Lovelace" })).toHaveAttribute("href", new RegExp(`/${ACME}/contacts/[0-9a-f-]{36}$`));
  const adaUrl = (await form.getByRole("link", { name: "Open Ada Lovelace" }).getAttribute("href"))!;
  await expectNoSeriousA11yViolations(page, "new contact with a clash");
  await screenshots(page, "new-contact-clash");

  await form.getByLabel("Email").fill(`nia.${run}@example.com`);
  await form.getByLabel("Phone").fill(`+1 415 555 ${phoneDigits}`);
  await form.getByLabel(renewalLabel).fill("2026-03-05");
  await form.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nia Okafor ${run}` })).toBeVisible();
  const contactUrl = page.url();

  // Edit a typed attribute on the contact's page: the list's control, then a bad date refused by the server.
  const edit = page.getByRole("form", { name: "Edit contact" });
  await expect(edit.getByLabel("Phone")).toHaveValue(`+1415555${phoneDigits}`);
  await expect(edit.getByLabel(renewalLabel)).toHaveValue("2026-03-05");
  await edit.getByLabel(tierLabel).click();
  await page.getByRole("option", { name: "Gold" }).click();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Edit contact" }).getByLabel(tierLabel)).toHaveText("Gold");

  // Tags: the workspace's tags are offered as one types; add one of them and a new one, remove one.
  const tagInput = page.getByRole("combobox", { name: "Tags" });
  await expect(page.locator(`[id="${await tagInput.getAttribute("list")}"] option[value="vip"]`)).toHaveCount(1);
  await tagInput.fill("vip");
  await tagInput.press("Enter");
  await expect(page.getByRole("list", { name: "Tags" }).getByText("vip", { exact: true })).toBeVisible();
  await tagInput.fill(tag);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("list", { name: "Tags" }).getByText(tag, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Remove tag vip" }).click();
  await expect(page.getByRole("list", { name: "Tags" }).getByText("vip", { exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "contact page with typed attributes and tags");
  await screenshots(page, "contact-page");

  // The Contacts list filtered by tag and attribute, with the same filter editor as Audience Matched, and its count.
  await page.goto(`/${ACME}/contacts`);
  await page.getByRole("button", { name: "Show filter" }).click();
  await page.getByLabel("Tagged with any of").fill(tag);
  await page.getByLabel("Tagged with any of").blur();
  await page.getByRole("button", { name: "Add attribute condition" }).click();
  await page.locator("#contact-filter-attr-0-key").fill(tierKey);
  await expect(page.getByRole("combobox", { name: "Attribute 1 comparison" })).toHaveText("is any of");
  await page.getByRole("group", { name: "Attribute 1 value" }).getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByTestId("contact-count")).toHaveText("1 contact matches");
  await expect(page.getByRole("table").getByRole("link")).toHaveText([`Nia Okafor ${run}`]);
  await expectNoSeriousA11yViolations(page, "filtered contacts list");
  await screenshots(page, "contacts-filtered");

  // The other value of the list matches nobody: the count says so. (The applied filter stays open to edit.)
  await expect(page.getByRole("button", { name: "Hide filter" })).toBeVisible();
  const checkboxes = page.getByRole("group", { name: "Attribute 1 value" }).getByRole("checkbox");
  await checkboxes.first().uncheck();
  await checkboxes.nth(1).check();
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByTestId("contact-count")).toHaveText("0 contacts match");
  await expect(page.getByRole("heading", { name: "No contacts match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filter" }).click();
  await expect(page.getByTestId("contact-count")).toHaveCount(0);
  expect(contactUrl).toMatch(new RegExp(`/${ACME}/contacts/[0-9a-f-]{36}$`));

  // Ada's attributes set without a definition (the seed's plan, city, seats) are shown as stored, each removable.
  await page.goto(adaUrl);
  await expect(page.getByRole("heading", { name: "Other attributes" })).toBeVisible();
  for (const key of ["plan", "city", "seats"]) await expect(page.getByRole("button", { name: `Remove attribute ${key}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "contact page with free attributes");
  await screenshots(page, "contact-free-attributes");
});

test("Audience Matched offers a typed attribute's operators and control, and counts with them", async ({ page, context }) => {
  // Runs after the test above, which defined the date attribute (one worker, in file order).
  await signInAs(context, alex);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await createWorkflow(page, ACME, `Renewals ${run}`);
  await dragFromPalette(page, "Audience Matched", { x: 300, y: 60 });
  await expect(canvasNode(page, "audience_matched")).toBeVisible();
  const panel = page.getByTestId("config-panel");
  await panel.getByRole("button", { name: "Add attribute condition" }).click();
  const key = panel.getByRole("combobox", { name: /^Attribute 1($| ·)/ });
  await key.fill(renewalKey);
  const comparison = panel.getByRole("combobox", { name: "Attribute 1 comparison" });
  await expect(comparison).toHaveText("is before");
  await comparison.click();
  await expect(page.getByRole("option")).toHaveText(["is before", "is after", "is within the last (days)", "is set", "is not set"]);
  await page.getByRole("option", { name: "is after" }).click();
  await panel.getByLabel("Attribute 1 value").fill("2026-03-01");
  // The contact created above renews on 2026-03-05.
  await expect(page.getByTestId("audience-preview")).toContainText(/^1 contact matches now/);
  await expect(page.getByTestId("audience-preview")).toContainText(`Nia Okafor ${run}`);
  await expectNoSeriousA11yViolations(page, "audience matched panel with a typed condition");
  await panel.screenshot({ path: "test-results/contact-model/audience-panel-1600x1000.png" });
});
