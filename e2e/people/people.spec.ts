import { expect, test, type Page } from "@playwright/test";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { ACME, expectNoSeriousA11yViolations, waitForLive } from "@/e2e/inbox/helpers/inbox-page";

// Collects what the Content-Security-Policy refused on the page (as e2e/security does).
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

const members = (page: Page) => page.getByRole("list", { name: "Members" });
const memberRow = (page: Page, email: string) => members(page).locator(`[data-member="${email}"]`);

test("an owner invites an agent by copied link, who joins, is put in a team, promoted and back, then removed and loses their open page", async ({ page, context, browser }) => {
  test.setTimeout(180_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `e2e-agent-${suffix}@example.com`;
  const name = `Robin ${suffix}`;
  const teamName = `Billing ${suffix}`;
  await watchCsp(page);
  await signInAs(context, alex);

  // The owner invites the agent and copies the invitation's link (no mail needed).
  await page.goto(`/${ACME}/settings/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending.getByText(email)).toBeVisible();
  await page.getByRole("button", { name: `Copy link for ${email}` }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  expect(link).toMatch(/\/invite\?token=[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/replaces the previous link, which no longer works/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "Settings › Members with a pending invitation");

  // The agent accepts in another browser: a new account, straight into the inbox.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await watchCsp(agentPage);
  await agentPage.goto(link);
  await expect(agentPage.getByRole("heading", { name: "Join Acme on Parley" })).toBeVisible();
  await expect(agentPage.getByText(`Alex Morgan invited ${email} to join as an agent.`)).toBeVisible();
  await expectNoSeriousA11yViolations(agentPage, "the invitation page");
  await agentPage.getByLabel("Your name").fill(name);
  await agentPage.getByLabel("Choose a password").fill("a long enough password");
  await agentPage.getByRole("button", { name: "Create account and join" }).click();
  await agentPage.waitForURL(new RegExp(`/${ACME}/inbox`));
  await waitForLive(agentPage);
  expect(await cspViolations(agentPage), "the invitation page and the inbox").toEqual([]);

  // The link was single use.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByRole("heading", { name: "This invitation was already accepted" })).toBeVisible();
  await again.close();

  // The owner creates a team with the agent in it; the agent's open inbox shows the team at once.
  await page.goto(`/${ACME}/settings/teams`);
  await page.getByLabel("New team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  const team = page.locator(`[data-team="${teamName}"]`);
  await expect(team).toBeVisible();
  await team.getByRole("combobox", { name: `Add a member to ${teamName}` }).click();
  await page.getByRole("option", { name }).click();
  await team.getByRole("button", { name: "Add to team" }).click();
  await expect(team.getByRole("list", { name: `Members of ${teamName}` })).toContainText(name);
  await expectNoSeriousA11yViolations(page, "Settings › Teams");
  await expect(agentPage.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: new RegExp(`^${teamName}`) })).toBeVisible();

  // Agent → Admin → Agent.
  await page.goto(`/${ACME}/settings/members`);
  const row = memberRow(page, email);
  await expect(row).toContainText(`Teams: ${teamName}`);
  for (const role of ["Admin", "Agent"]) {
    await row.getByRole("combobox", { name: `Role of ${name}` }).click();
    await page.getByRole("option", { name: role, exact: true }).click();
    await expect(row.getByRole("combobox", { name: `Role of ${name}` })).toHaveText(role);
    await page.reload();
    await expect(memberRow(page, email).getByRole("combobox", { name: `Role of ${name}` })).toHaveText(role);
  }

  // Removal: the agent's open page loses access at once.
  await memberRow(page, email).getByRole("button", { name: `Remove ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expect(memberRow(page, email)).toHaveCount(0);
  await expect(agentPage.getByText("We couldn't find that page")).toBeVisible();
  expect((await agentPage.request.get(`/api/events?workspaceId=${ACME}`)).status()).toBe(404);
  await agentContext.close();

  // The audit log has it all, filtered by action.
  await page.goto(`/${ACME}/settings/audit-log`);
  await page.getByLabel("Action").selectOption({ label: "Removed a member" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  const entries = page.getByRole("list", { name: "Audit log entries" });
  await expect(entries.getByRole("listitem").first()).toContainText(`Removed a member · Member: ${name}`);
  await expectNoSeriousA11yViolations(page, "Settings › Audit log");

  // The team goes too; its inbox view is then a 404.
  await page.goto(`/${ACME}/settings/teams`);
  const teamId = new URL(await team.getByRole("link", { name: "Open team inbox" }).getAttribute("href").then((href) => `http://x${href}`)).pathname.split("/").pop()!;
  await team.getByRole("button", { name: `Delete team ${teamName}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete team" }).click();
  await expect(page.locator(`[data-team="${teamName}"]`)).toHaveCount(0);
  expect((await page.goto(`/${ACME}/inbox/team/${teamId}`))?.status()).toBe(404);
  expect(await cspViolations(page), "the people pages").toEqual([]);
});
