import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { waitForLive } from "@/e2e/inbox/helpers/inbox-page";
import { canvasNode, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

// Issue 16 points 5 and 6: publish, reach a contact, the contact answers on the chat page, and the
// Results tab reads it: the funnel, the chart, the recipients table and its CSV export.
test("a published workflow's results: funnel, chart, recipients and their CSV after a contact replies", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signInAs(context, alex);
  const ACME = workspaces.acme.id;
  const tag = Date.now().toString(36);

  // A contact of this test's own, so no other spec's conversations meet it.
  await page.goto(`/${ACME}/contacts/new`);
  await page.getByLabel("First name").fill("Results");
  await page.getByLabel("Last name").fill(`Reader ${tag}`);
  // An email, so the contact page can sign a chat link for them.
  await page.getByLabel("Email").fill(`results.reader.${tag}@example.com`);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Results Reader ${tag}` })).toBeVisible();
  const contactUrl = page.url();

  await createWorkflow(page, ACME, `Results ${tag}`);
  const builderUrl = page.url();
  await dragFromPalette(page, "Manual", { x: 250, y: 40 });
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 240 });
  const panel = page.getByTestId("config-panel");
  await panel.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type(`Hello from the results test ${tag}`);
  await connect(page, canvasNode(page, "manual"), canvasNode(page, "start_conversation"));
  await expectSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();

  await page.getByRole("button", { name: "Run on contact…" }).click();
  const dialog = page.getByRole("dialog", { name: "Run on contact" });
  await dialog.getByLabel("Find a contact").fill(`Reader ${tag}`);
  const contact = dialog.getByRole("radiogroup", { name: "Contact" }).getByRole("radio").first();
  await contact.click();
  await dialog.getByLabel("Live version").check();
  await dialog.getByRole("button", { name: "Run", exact: true }).click();
  await expect(dialog.getByTestId("step-log")).toContainText("completed", { timeout: 60_000 });
  await page.keyboard.press("Escape");

  // The contact's chat page shows the message (delivered, then seen), and they answer.
  await page.goto(contactUrl);
  const [chat] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Open chat as this contact/ }).first().click()]);
  const messages = chat.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText(`Hello from the results test ${tag}`);
  await waitForLive(chat);
  await chat.getByLabel("Your message").fill("Yes, tell me more");
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(messages).toContainText("Yes, tell me more");
  await chat.close();

  // The Results tab, from the builder's tabs.
  await page.goto(builderUrl);
  await page.getByRole("navigation", { name: "Workflow" }).getByRole("link", { name: "Results" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Funnel" })).toBeVisible();

  const funnel = page.getByRole("table", { name: "Funnel of Start a Conversation" });
  for (const stage of ["Entered", "Sent", "Delivered", "Seen", "Started (replied)"]) {
    await expect(funnel.getByRole("row", { name: new RegExp(`^${stage.replace(/[()]/g, "\\$&")} 1 `) })).toBeVisible();
  }
  // The chart drew its bars (sends and replies today).
  await expect(page.getByRole("img", { name: /Sends and replies per day/ }).locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await page.getByRole("link", { name: "Per hour" }).click();
  await expect(page.getByRole("img", { name: /Sends and replies per hour/ })).toBeVisible();

  const recipients = page.getByRole("table", { name: "Recipients, newest first" });
  const row = recipients.getByRole("row").filter({ hasText: `Results Reader ${tag}` });
  await expect(row).toContainText("Start a Conversation");
  await expect(row).toContainText("Replied");
  await expect(row.getByRole("link", { name: "Conversation" })).toHaveAttribute("href", new RegExp(`/${ACME}/inbox/all/c/`));

  // Filtered to skipped, nobody; back to replied, the contact.
  await page.getByLabel("Status").selectOption("skipped");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No recipient matches these filters.")).toBeVisible();
  await page.getByLabel("Status").selectOption("replied");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(recipients.getByRole("row").filter({ hasText: `Results Reader ${tag}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "workflow results");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("Contact,Contact id,Email,Phone,Step,Status,Reason,Time,Conversation id");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`Results Reader ${tag}`);
  expect(lines[1]).toContain(",Start a Conversation,replied,");
});
