import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

test("adds a Split with its percentages and a goal, is refused an empty condition goal, then publishes", async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkflow(page, workspaces.acme.id, `Split and goal ${Date.now()}`);
  await dragFromPalette(page, "Manual", { x: 250, y: 40 });
  await dragFromPalette(page, "Split", { x: 250, y: 220 });
  const split = canvasNode(page, "split");
  // Two paths at 50 % each, shown on the node.
  await expect(split).toContainText("A · 50%");
  await expect(split).toContainText("B · 50%");

  const panel = page.getByTestId("config-panel");
  await panel.getByLabel("Path A").fill("30");
  await expect(panel.getByText("Total 80% — make it 100%")).toBeVisible();
  await panel.getByLabel("Path B").fill("70");
  await expect(panel.getByText("Total 100%")).toBeVisible();
  await expect(split).toContainText("A · 30%");
  await panel.getByRole("button", { name: "Add a path" }).click();
  await expect(split).toContainText("C · 33%");
  await expect(panel.getByLabel("Path A")).toHaveValue("34");

  await dragFromPalette(page, "Wait", { x: 250, y: 420 });
  await connect(page, canvasNode(page, "manual"), split);
  await connect(page, split, canvasNode(page, "wait"), "path_a");
  await expectSaved(page);

  // A condition goal with no condition is saved but refused at publish.
  await page.getByRole("button", { name: "Goal", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Workflow goal" });
  await dialog.getByLabel("The contact matches a condition").check();
  await expect(dialog.getByText(/Add an attribute or tag condition/)).toBeVisible();
  await dialog.getByRole("button", { name: "Save goal" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Goal: Add an attribute or tag condition/)).toBeVisible();

  // The contact replies: publishes, and the goal is kept after a reload.
  await page.getByRole("button", { name: /^Goal:/ }).click();
  await dialog.getByLabel("The contact replies").check();
  await expect(dialog.getByLabel("Exit when the goal is met")).toBeChecked();
  await dialog.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByRole("button", { name: "Goal: the contact replies" })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Goal: the contact replies" })).toBeVisible();
  await expect(canvasNode(page, "split")).toContainText("C · 33%");
});
