import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, dragFromPalette } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

test("the workflows list and the editor have no serious or critical axe violations", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Accessible ${Date.now()}`);
  await dragFromPalette(page, "Audience Matched", { x: 250, y: 60 });
  await dragFromPalette(page, "Branch on Conversation started", { x: 250, y: 400 });
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 230 });
  await expect(canvasNode(page, "start_conversation")).toBeVisible();
  // The editor with the Start a Conversation panel open: every field of PRODUCT.md section 2.
  await expect(page.getByTestId("config-panel").getByRole("textbox", { name: "Message" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/${workspaces.acme.id}/workflows`);
  await expect(page.getByRole("table")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
