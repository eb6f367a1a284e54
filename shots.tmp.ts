import { chromium, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { startFreshServer } from "./e2e/first-run/fresh-server";

const out = "/tmp/shots";
const server = await startFreshServer({ port: 3102 });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
const sizes = { desktop: { width: 1440, height: 900 }, mobile: { width: 390, height: 844 } } as const;
async function axe(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  console.log(what, serious.length ? JSON.stringify(serious.map((v) => [v.id, v.nodes.map((n) => n.target)])) : "axe: no serious violation");
}
try {
  for (const [size, viewport] of Object.entries(sizes)) {
    const page = await (await browser.newContext({ viewport, baseURL: server.baseURL })).newPage();
    await page.goto(server.setupLink);
    await page.screenshot({ path: `${out}/setup-${size}.png`, fullPage: true });
    await axe(page, `setup ${size}`);
    await page.getByRole("button", { name: "Create account and workspace" }).click();
    await page.getByText("Enter your name.").waitFor();
    await page.screenshot({ path: `${out}/setup-errors-${size}.png`, fullPage: true });
    await page.goto(`${server.baseURL}/setup?token=${"A".repeat(43)}`);
    await page.screenshot({ path: `${out}/setup-unusable-${size}.png`, fullPage: true });
    await page.close();
  }
  const desktop = await (await browser.newContext({ viewport: sizes.desktop, baseURL: server.baseURL })).newPage();
  await desktop.goto(server.setupLink);
  await desktop.getByLabel("Your name").fill("Nora Northwind");
  await desktop.getByLabel("Email").fill("nora@northwind.test");
  await desktop.getByLabel("Password").fill("first-run-password");
  await desktop.getByLabel("Workspace name").fill("Northwind");
  await desktop.getByRole("button", { name: "Create account and workspace" }).click();
  await desktop.waitForURL(/\/inbox/);
  const workspaceId = new URL(desktop.url()).pathname.split("/")[1];
  await desktop.screenshot({ path: `${out}/inbox-after-setup-desktop.png` });
  const cookies = await desktop.context().cookies();

  for (const [size, viewport] of Object.entries(sizes)) {
    const context = await browser.newContext({ viewport, baseURL: server.baseURL });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`/${workspaceId}/inbox`);
    if (size === "mobile") await page.getByRole("button", { name: "Open navigation" }).click();
    const scope = size === "mobile" ? page.getByRole("dialog", { name: /navigation/ }) : page.getByRole("complementary", { name: "Sidebar" });
    await scope.getByRole("button", { name: /Switch workspace/ }).click();
    await page.getByRole("menuitem", { name: "Create workspace" }).waitFor();
    await page.screenshot({ path: `${out}/switcher-${size}.png` });
    await page.getByRole("menuitem", { name: "Create workspace" }).click();
    await page.getByRole("dialog", { name: "Create a workspace" }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/create-dialog-${size}.png` });
    await axe(page, `create dialog ${size}`);
    await page.getByRole("dialog", { name: "Create a workspace" }).getByRole("button", { name: "Create workspace" }).click();
    await page.getByText("Give the workspace a name.").waitFor();
    await page.screenshot({ path: `${out}/create-dialog-error-${size}.png` });
    await page.goto(`/${workspaceId}/settings`);
    await page.screenshot({ path: `${out}/settings-${size}.png`, fullPage: true });
    await page.getByRole("button", { name: "Delete workspace…" }).click();
    await page.getByRole("alertdialog").getByLabel(/to confirm/).fill("North");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/delete-dialog-partial-${size}.png` });
    await page.getByRole("alertdialog").getByLabel(/to confirm/).fill("Northwind");
    await page.screenshot({ path: `${out}/delete-dialog-${size}.png` });
    await axe(page, `delete dialog ${size}`);
    await context.close();
  }
  await desktop.goto(`/${workspaceId}/settings`);
  await desktop.getByRole("button", { name: "Delete workspace…" }).click();
  await desktop.getByRole("alertdialog").getByLabel(/to confirm/).fill("Northwind");
  await desktop.getByRole("alertdialog").getByRole("button", { name: "Delete workspace", exact: true }).click();
  await desktop.waitForURL((url) => url.pathname === "/");
  await desktop.getByText("you're not in a workspace yet").waitFor();
  await desktop.screenshot({ path: `${out}/no-workspace-desktop.png` });
  await axe(desktop, "no workspace desktop");
  await desktop.setViewportSize(sizes.mobile);
  await desktop.screenshot({ path: `${out}/no-workspace-mobile.png` });
} finally {
  await browser.close();
  await server.stop();
}
