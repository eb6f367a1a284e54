import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, choose, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

test("runs the draft on one contact and shows that run's step log; publish, pause, resume, versions", async ({ page }) => {
  test.setTimeout(180_000);
  await createWorkflow(page, workspaces.acme.id, `Lifecycle ${Date.now()}`);
  await dragFromPalette(page, "Manual", { x: 250, y: 40 });
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 220 });
  const panel = page.getByTestId("config-panel");
  await panel.getByRole("textbox", { name: "Message" }).click();
  // Typing a whole {{variable}}, with or without a fallback, turns it into a chip.
  await page.keyboard.type("Test message for {{first_name}} ");
  await expect(panel.getByRole("textbox", { name: "Message" }).getByRole("button", { name: /Variable First name/ })).toBeVisible();
  await page.keyboard.type('from {{company | fallback: "your team"}} ');
  await expect(panel.getByRole("textbox", { name: "Message" }).getByRole("button", { name: "Variable Company, fallback your team. Edit" })).toBeVisible();
  // Nothing of the typed braces is left behind in the message.
  await expect(panel.getByRole("textbox", { name: "Message" })).not.toContainText("}");
  await panel.getByLabel("Immediately").check();
  await dragFromPalette(page, "Assign", { x: 250, y: 420 });
  await choose(page, "Assignee", "Support");
  await connect(page, canvasNode(page, "manual"), canvasNode(page, "start_conversation"));
  await connect(page, canvasNode(page, "start_conversation"), canvasNode(page, "assign"));
  await expectSaved(page);

  // A test run of the draft on one contact, followed step by step.
  await page.getByRole("button", { name: "Run on contact…" }).click();
  const dialog = page.getByRole("dialog", { name: "Run on contact" });
  const contact = dialog.getByRole("radiogroup", { name: "Contact" }).getByRole("radio").first();
  await contact.click();
  await expect(contact).toBeChecked();
  await expect(dialog.getByLabel("Draft (test run)")).toBeChecked();
  await dialog.getByRole("button", { name: "Run", exact: true }).click();
  const log = dialog.getByTestId("step-log");
  await expect(log).toContainText("completed", { timeout: 60_000 });
  await expect(log.getByRole("listitem").filter({ hasText: "Start a Conversation" })).toContainText("ok");
  await expect(log.getByRole("listitem").filter({ hasText: "Assign" })).toContainText("ok");
  await expect(dialog.getByRole("region", { name: "Recent runs" })).toContainText("test");
  await page.keyboard.press("Escape");

  // Publish, then pause and resume.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Change the draft, then restore version 1 into it (and undo the restore).
  await dragFromPalette(page, "Close conversation", { x: 250, y: 600 });
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expectSaved(page);
  await page.getByRole("button", { name: "Versions" }).click();
  const versions = page.getByRole("dialog", { name: "Versions" });
  await expect(versions.getByText("Version 1")).toBeVisible();
  await versions.getByRole("button", { name: "Restore version 1 into the draft" }).click();
  await expect(versions).toBeHidden();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expectSaved(page);
  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
});

test("the workflows list: rename, duplicate and delete with confirmation", async ({ page }) => {
  const name = `Listed ${Date.now()}`;
  await createWorkflow(page, workspaces.acme.id, name);
  await page.getByRole("link", { name: "Back to workflows" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("No trigger yet");
  await expect(row).toContainText("Never");

  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rename…" }).click();
  const renameDialog = page.getByRole("dialog", { name: "Rename workflow" });
  await renameDialog.getByLabel("Name", { exact: true }).fill(`${name} renamed`);
  await renameDialog.getByRole("button", { name: "Rename" }).click();
  const renamed = page.getByRole("row", { name: new RegExp(`^${name} renamed`) });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Actions for ${name} renamed` }).click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  const copy = page.getByRole("row", { name: new RegExp(`Copy of ${name} renamed`) });
  await expect(copy).toBeVisible();

  await copy.getByRole("button", { name: /Actions for Copy of/ }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Delete “Copy of ${name} renamed”?`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(copy).toBeVisible();
  await copy.getByRole("button", { name: /Actions for Copy of/ }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete workflow" }).click();
  await expect(copy).toHaveCount(0);
  await expect(renamed).toBeVisible();
});
