import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { createWorkflow, dragFromPalette } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("on the free plan the third-party fields are visibly locked", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.globex.id, `Locked ${Date.now()}`);
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 150 });
  const panel = page.getByTestId("config-panel");
  await expect(panel.getByText("These fields need the Enterprise plan.")).toBeVisible();
  await expect(panel.getByRole("link", { name: /Settings › Plan/ })).toHaveAttribute("href", `/${workspaces.globex.id}/settings/plan`);
  await expect(panel.getByLabel("Channel", { exact: true })).toBeDisabled();
  await expect(panel.getByLabel("Customer destination")).toBeDisabled();
  await expect(panel.getByLabel("Customer identifier")).toBeDisabled();
  await expect(panel.getByLabel("Create conversation in integrated 3rd party systems")).toBeDisabled();
  // The rest of the node stays editable.
  await expect(panel.getByLabel("Immediately")).toBeEnabled();
});

test("on the enterprise plan they are editable", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Unlocked ${Date.now()}`);
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 150 });
  const panel = page.getByTestId("config-panel");
  await expect(panel.getByText("These fields need the Enterprise plan.")).toHaveCount(0);
  await expect(panel.getByLabel("Customer identifier")).toBeEnabled();
  await panel.getByLabel("Customer identifier").fill("crm-{{email}}");
  await expect(panel.getByLabel("Customer identifier")).toHaveValue("crm-{{email}}");
});
