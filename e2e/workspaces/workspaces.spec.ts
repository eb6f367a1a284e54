import { expect, test, type Page } from "@playwright/test";
import { alex, sam, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { uniqueText } from "@/e2e/inbox/helpers/inbox-page";

const sidebar = (page: Page) => page.getByRole("complementary", { name: "Sidebar" });

async function openCreateDialog(page: Page, within = sidebar(page)) {
  await within.getByRole("button", { name: /Switch workspace/ }).click();
  await page.getByRole("menuitem", { name: "Create workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workspace" });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("an owner creates a workspace from the switcher, lands in its inbox, then deletes it after typing its name", async ({ page, context }) => {
  await signInAs(context, alex);
  await page.goto(`/${workspaces.acme.id}/inbox`);

  const create = await openCreateDialog(page);
  await expect(create.getByLabel("Workspace name")).toBeFocused();
  await expectNoSeriousA11yViolations(page, "the create-workspace dialog");
  await create.getByRole("button", { name: "Create workspace" }).click();
  await expect(create.getByText("Give the workspace a name.")).toBeVisible();

  const name = uniqueText("Contoso");
  await create.getByLabel("Workspace name").fill(name);
  await create.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL((url) => /^\/[0-9a-f-]{36}\/inbox/.test(url.pathname) && !url.pathname.startsWith(`/${workspaces.acme.id}`));
  const workspaceId = new URL(page.url()).pathname.split("/")[1]!;
  await expect(sidebar(page).getByRole("button", { name: new RegExp(`^${name}.*Switch workspace`) })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No conversations" })).toBeVisible();

  await page.goto(`/${workspaceId}/settings`);
  await page.getByRole("button", { name: "Delete workspace…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${name}?` });
  const deleteButton = confirm.getByRole("button", { name: "Delete workspace", exact: true });
  await expect(deleteButton).toBeDisabled();
  await confirm.getByLabel(/to confirm/).fill(name.toLowerCase());
  await expect(deleteButton).toBeDisabled();
  await confirm.getByLabel(/to confirm/).fill(name);
  await expect(deleteButton).toBeEnabled();
  await expectNoSeriousA11yViolations(page, "the delete-workspace confirmation");
  await deleteButton.click();

  // Back in a workspace that still exists; the deleted one is gone from the switcher and its pages are 404s.
  await page.waitForURL(`/${workspaces.acme.id}/inbox`);
  await sidebar(page).getByRole("button", { name: /Switch workspace/ }).click();
  await expect(page.getByRole("menuitem", { name: /Globex/ })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: new RegExp(name) })).toHaveCount(0);
  await page.keyboard.press("Escape");
  for (const path of [`/${workspaceId}/inbox`, `/${workspaceId}/settings`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  }
});

test("agents and admins are not offered the delete", async ({ page, context }) => {
  await signInAs(context, sam);
  await page.goto(`/${workspaces.acme.id}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete workspace…" })).toHaveCount(0);
});

test("on a phone, the switcher in the navigation drawer creates a workspace too", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(context, alex);
  await page.goto(`/${workspaces.globex.id}/inbox`);
  await page.getByRole("button", { name: "Open navigation" }).click();
  const drawer = page.getByRole("dialog", { name: /navigation/ });
  const create = await openCreateDialog(page, drawer);
  const name = uniqueText("Phone Co");
  await create.getByLabel("Workspace name").fill(name);
  await create.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL((url) => /\/inbox/.test(url.pathname) && !url.pathname.startsWith(`/${workspaces.globex.id}`));
  await expect(page.getByRole("banner").getByText(name)).toBeVisible();
});
