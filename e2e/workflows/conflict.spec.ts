import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("a stale tab's save is refused and explained, never overwriting the other tab", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Two tabs ${Date.now()}`);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByText("Drag a trigger")).toBeVisible();

  // The first tab saves: the second one now holds an old revision.
  await dragFromPalette(page, "Manual", { x: 250, y: 80 });
  await expectSaved(page);

  await dragFromPalette(other, "Session Started", { x: 250, y: 80 });
  const alert = other.getByRole("alert").filter({ hasText: "Your latest changes were not saved" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("changed in another tab");
  await expect(other.getByTestId("save-status")).toHaveText("Not saved");

  // Reloading brings in the first tab's work, which was never overwritten.
  await alert.getByRole("button", { name: "Reload" }).click();
  await expect(canvasNode(other, "manual")).toBeVisible();
  await expect(canvasNode(other, "session_started")).toHaveCount(0);
  await expect(other.getByTestId("save-status")).toHaveText("Saved");
});

test("an edit made just before a reload is not lost", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Reload ${Date.now()}`);
  await dragFromPalette(page, "Manual", { x: 250, y: 80 });
  await expectSaved(page);
  await dragFromPalette(page, "Wait", { x: 250, y: 300 });
  // Reload at once, inside the autosave's debounce.
  await page.reload();
  await expect(canvasNode(page, "wait")).toBeVisible();
  await expectSaved(page);
  await page.reload();
  await expect(canvasNode(page, "wait")).toBeVisible();
});
