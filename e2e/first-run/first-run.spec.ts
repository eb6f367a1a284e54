import { cspViolations, watchCsp } from "@/e2e/fixtures/csp";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { waitForLive } from "@/e2e/inbox/helpers/inbox-page";
import { DEMO_PASSWORD } from "@/lib/db/seed/demo-identities";
import { startFreshServer, type FreshServer } from "./fresh-server";

// A team adopting Parley on a real first run: its own `npm start` with PARLEY_SEED=false on an
// empty database (port 3101), set up through the link that start printed, then the owner brings
// in a colleague. The steps run in order, on one server, with the owner's browser kept open.
test.describe.configure({ mode: "serial" });

let server: FreshServer;
let ownerContext: BrowserContext;
let ownerPage: Page;
let workspaceId: string;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  server = await startFreshServer({ port: 3101 });
});
test.afterAll(async () => {
  await ownerContext?.close();
  await server?.stop();
});


const owner = { name: "Nora Northwind", email: "nora@northwind.test", password: "first-run-password" };
const agent = { name: "Robin Reyes", email: "robin@northwind.test", password: "a long enough password" };
const memberRow = (page: Page, email: string) => page.getByRole("list", { name: "Members" }).locator(`[data-member="${email}"]`);

test("the start prints a setup link and no demo credentials", () => {
  expect(server.setupLink).toMatch(/^http:\/\/localhost:3101\/setup\?token=[A-Za-z0-9_-]{43}$/);
  expect(server.output()).not.toContain(DEMO_PASSWORD);
  expect(server.output()).not.toContain("seeded the demo");
});

test("the owner opens the link, creates their account and Northwind, and lands in its empty inbox", async ({ browser }) => {
  ownerContext = await browser.newContext({ baseURL: server.baseURL });
  ownerPage = await ownerContext.newPage();
  const page = ownerPage;
  await watchCsp(page);

  await page.goto(server.setupLink);
  await expect(page.getByRole("heading", { level: 1, name: "Set up Parley" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the setup page");

  // A refusal is explained beside its field, and the link keeps working.
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Workspace name").fill("Northwind");
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await page.waitForURL(/\/[0-9a-f-]{36}\/inbox/);
  workspaceId = new URL(page.url()).pathname.split("/")[1]!;
  const sidebar = page.getByRole("complementary", { name: "Sidebar" });
  await expect(sidebar.getByRole("button", { name: /^Northwind/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No conversations" })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);

  // Signed in for real: the session survives a reload.
  await page.reload();
  await expect(sidebar.getByRole("button", { name: /^Northwind/ })).toBeVisible();
});

test("then the setup page is a 404, with the link or without it", async ({ request }) => {
  for (const url of [server.setupLink, `${server.baseURL}/setup`, `${server.baseURL}/setup?token=${"A".repeat(43)}`]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
  }
});

test("the owner invites an agent by copied link, who joins, is put in team Billing, promoted and back, then removed and loses their open page", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = ownerPage;

  // The owner invites the agent and copies the invitation's link (no mail server needed).
  await page.goto(`/${workspaceId}/settings/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.getByLabel("Email address").fill(agent.email);
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByText(`Invitation sent to ${agent.email}.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Pending invitations" }).getByText(agent.email)).toBeVisible();
  await page.getByRole("button", { name: `Copy link for ${agent.email}` }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  expect(link).toMatch(/^http:\/\/localhost:3101\/invite\?token=[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/replaces the previous link, which no longer works/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "Settings › Members with a pending invitation");

  // The agent accepts in another browser: a new account, straight into Northwind's inbox.
  const agentContext = await browser.newContext({ baseURL: server.baseURL });
  const agentPage = await agentContext.newPage();
  await watchCsp(agentPage);
  await agentPage.goto(link);
  await expect(agentPage.getByRole("heading", { name: "Join Northwind on Parley" })).toBeVisible();
  await expect(agentPage.getByText(`${owner.name} invited ${agent.email} to join as an agent.`)).toBeVisible();
  await expectNoSeriousA11yViolations(agentPage, "the invitation page");
  await agentPage.getByLabel("Your name").fill(agent.name);
  await agentPage.getByLabel("Choose a password").fill(agent.password);
  await agentPage.getByRole("button", { name: "Create account and join" }).click();
  await agentPage.waitForURL(new RegExp(`/${workspaceId}/inbox`));
  await waitForLive(agentPage);
  expect(await cspViolations(agentPage), "the invitation page and the inbox").toEqual([]);

  // The link was single use.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByRole("heading", { name: "This invitation was already accepted" })).toBeVisible();
  await again.close();

  // The owner creates team Billing with the agent in it; the agent's open inbox shows it at once.
  await page.goto(`/${workspaceId}/settings/teams`);
  await page.getByLabel("New team name").fill("Billing");
  await page.getByRole("button", { name: "Create team" }).click();
  const team = page.locator(`[data-team="Billing"]`);
  await expect(team).toBeVisible();
  await team.getByRole("combobox", { name: "Add a member to Billing" }).click();
  await page.getByRole("option", { name: agent.name }).click();
  await team.getByRole("button", { name: "Add to team" }).click();
  await expect(team.getByRole("list", { name: "Members of Billing" })).toContainText(agent.name);
  await expectNoSeriousA11yViolations(page, "Settings › Teams");
  await expect(agentPage.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: /^Billing/ })).toBeVisible();

  // Agent → Admin → Agent, each kept across a reload.
  await page.goto(`/${workspaceId}/settings/members`);
  await expect(memberRow(page, agent.email)).toContainText("Teams: Billing");
  for (const role of ["Admin", "Agent"]) {
    const row = memberRow(page, agent.email);
    await row.getByRole("combobox", { name: `Role of ${agent.name}` }).click();
    // The select shows the choice at once; the change is saved by the server action behind it,
    // which a reload must not cut short.
    const saved = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.endsWith("/settings/members"));
    await page.getByRole("option", { name: role, exact: true }).click();
    await expect(row.getByRole("combobox", { name: `Role of ${agent.name}` })).toHaveText(role);
    expect((await saved).ok()).toBe(true);
    // The row said it was saving, and says so no more once the page has the new role.
    await expect(row.getByRole("status")).toHaveText("");
    await page.reload();
    await expect(memberRow(page, agent.email).getByRole("combobox", { name: `Role of ${agent.name}` })).toHaveText(role);
  }

  // Removal: the agent's open page and live stream lose access at once.
  await memberRow(page, agent.email).getByRole("button", { name: `Remove ${agent.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expect(memberRow(page, agent.email)).toHaveCount(0);
  await expect(agentPage.getByText("We couldn't find that page")).toBeVisible();
  expect((await agentPage.request.get(`/api/events?workspaceId=${workspaceId}`)).status()).toBe(404);
  await agentContext.close();

  // The audit log has it all, filtered by action.
  await page.goto(`/${workspaceId}/settings/audit-log`);
  await page.getByLabel("Action").selectOption({ label: "Removed a member" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  const entries = page.getByRole("list", { name: "Audit log entries" });
  await expect(entries.getByRole("listitem").first()).toContainText(`Removed a member · Member: ${agent.name}`);
  await expectNoSeriousA11yViolations(page, "Settings › Audit log");

  // The team goes too; its inbox view is then a 404.
  await page.goto(`/${workspaceId}/settings/teams`);
  const href = await team.getByRole("link", { name: "Open team inbox" }).getAttribute("href");
  const teamId = href!.split("/").pop()!;
  await team.getByRole("button", { name: "Delete team Billing" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete team" }).click();
  await expect(page.locator(`[data-team="Billing"]`)).toHaveCount(0);
  expect((await page.goto(`/${workspaceId}/inbox/team/${teamId}`))?.status()).toBe(404);
  expect(await cspViolations(page), "the people pages").toEqual([]);
});
