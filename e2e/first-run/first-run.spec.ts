import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/lib/db/seed/demo-identities";
import { startFreshServer, type FreshServer } from "./fresh-server";

// A real first run: its own `npm start` with PARLEY_SEED=false on an empty database (port 3101),
// set up through the link that start printed. The steps run in order, on one server.
test.describe.configure({ mode: "serial" });

let server: FreshServer;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  server = await startFreshServer({ port: 3101 });
});
test.afterAll(async () => {
  await server?.stop();
});

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const owner = { name: "Nora Northwind", email: "nora@northwind.test", password: "first-run-password" };

test("the start prints a setup link and no demo credentials", () => {
  expect(server.setupLink).toMatch(/^http:\/\/localhost:3101\/setup\?token=[A-Za-z0-9_-]{43}$/);
  expect(server.output()).not.toContain(DEMO_PASSWORD);
  expect(server.output()).not.toContain("seeded the demo");
});

test("the owner opens the link, creates their account and Northwind, and lands in its empty inbox", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  // What the CSP refuses on the page, from the browser's own events.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });

  await page.goto(server.setupLink);
  await expect(page.getByRole("heading", { level: 1, name: "Set up Parley" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A refusal is explained beside its field, and the link keeps working.
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Workspace name").fill("Northwind");
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await page.waitForURL(/\/[0-9a-f-]{36}\/inbox/);
  const sidebar = page.getByRole("complementary", { name: "Sidebar" });
  await expect(sidebar.getByRole("button", { name: /^Northwind/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No conversations" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);

  // Signed in for real: the session survives a reload.
  await page.reload();
  await expect(sidebar.getByRole("button", { name: /^Northwind/ })).toBeVisible();
  await context.close();
});

test("then the setup page is a 404, with the link or without it", async ({ request }) => {
  for (const url of [server.setupLink, `${server.baseURL}/setup`, `${server.baseURL}/setup?token=${"A".repeat(43)}`]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
  }
});
