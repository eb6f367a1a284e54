import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("an invalid workflow is not published, and says why, step by step", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Invalid ${Date.now()}`);
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 200 });
  const start = canvasNode(page, "start_conversation");
  // The node wears its problems before anyone presses Publish.
  await expect(start.getByTestId("node-issues")).toBeVisible();
  await page.getByRole("button", { name: "Close panel" }).click();
  await expectSaved(page);

  await page.getByRole("button", { name: "Publish" }).click();
  const issues = page.getByTestId("publish-issues");
  await expect(issues.getByRole("heading")).toContainText("Not published");
  await expect(issues).toContainText("Add a trigger");
  await expect(issues).toContainText("Write the message.");
  await expect(issues).toContainText("Nothing leads into this step.");
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  // Clicking a problem selects its step and opens its panel.
  await issues.getByRole("button", { name: /Write the message/ }).click();
  await expect(start).toHaveClass(/selected/);
  const panel = page.getByTestId("config-panel");
  await expect(panel.getByRole("heading", { name: "Start a Conversation" })).toBeVisible();
  await expect(panel).toContainText("Write the message.");

  // Still a draft after a reload: nothing was published.
  await page.reload();
  await expect(page.getByText("Never published")).toBeVisible();
});

test("the problem banner follows live validation, and a problem puts the focus in its field", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Live problems ${Date.now()}`);
  await page.getByRole("button", { name: "Add Manual" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Add Start a Conversation" }).focus();
  await page.keyboard.press("Enter");
  // A step nothing leads into: a second problem, on another step.
  await dragFromPalette(page, "Wait", { x: 700, y: 500 });
  await page.getByRole("button", { name: "Close panel" }).click();
  await expectSaved(page);

  await page.getByRole("button", { name: "Publish" }).click();
  const issues = page.getByTestId("publish-issues");
  await expect(issues.getByRole("heading")).toHaveText("Not published: fix these 2 problems first");
  await expect(issues.getByRole("listitem")).toHaveCount(2);

  // Clicking the message's problem opens its step with the caret in the message.
  await issues.getByRole("button", { name: /Write the message/ }).click();
  await expect(canvasNode(page, "start_conversation")).toHaveClass(/selected/);
  const message = page.getByTestId("config-panel").getByRole("textbox", { name: "Message" });
  await expect(message).toBeFocused();

  // Writing it fixes that problem: it leaves the banner, the other stays.
  await page.keyboard.type("Hello there");
  await expect(issues.getByRole("heading")).toHaveText("Not published: fix this problem first");
  await expect(issues).not.toContainText("Write the message.");
  await expect(issues).toContainText("Nothing leads into this step.");

  // Removing the stray step fixes the last one: the banner closes by itself.
  await canvasNode(page, "wait").click();
  await page.keyboard.press("Delete");
  await expect(issues).toHaveCount(0);
});
