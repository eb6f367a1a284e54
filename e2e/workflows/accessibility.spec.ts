import { expect, test } from "@playwright/test";
import { seriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, dragFromPalette } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("the workflows list and the editor have no serious or critical axe violations", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Accessible ${Date.now()}`);
  await dragFromPalette(page, "Audience Matched", { x: 250, y: 60 });
  await dragFromPalette(page, "Branch on Conversation started", { x: 250, y: 400 });
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 230 });
  await expect(canvasNode(page, "start_conversation")).toBeVisible();
  // The editor with the Start a Conversation panel open: every field of PRODUCT.md section 2.
  await expect(page.getByTestId("config-panel").getByRole("textbox", { name: "Message" })).toBeVisible();
  expect(await seriousA11yViolations(page, { bestPractice: false })).toEqual([]);

  await page.goto(`/${workspaces.acme.id}/workflows`);
  await expect(page.getByRole("table")).toBeVisible();
  expect(await seriousA11yViolations(page, { bestPractice: false })).toEqual([]);
});
