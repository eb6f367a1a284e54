import { expect, test } from "@playwright/test";
import { jordan, sam } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, contactWritesIn, conversationRow, inboxUrl, thread, uniqueText, waitForLive } from "./helpers/inbox-page";

test("a contact's new conversation given to a round-robin team waits while its agent is Away and goes to them once Available", async ({ page, context, browser }) => {
  const teamName = uniqueText("Round");
  // The admin creates a team with Jordan in it and turns on automatic assignment.
  await signInAs(context, sam);
  await page.goto(`/${ACME}/settings/teams`);
  await page.getByLabel("New team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  const team = page.locator(`[data-team="${teamName}"]`);
  await team.getByRole("combobox", { name: `Add a member to ${teamName}` }).click();
  await page.getByRole("option", { name: jordan.name }).click();
  await team.getByRole("button", { name: "Add to team" }).click();
  await expect(team.getByRole("list", { name: `Members of ${teamName}` })).toContainText(jordan.name);
  await team.getByRole("checkbox", { name: "Assign automatically (round robin)" }).check();
  await team.getByLabel("Open conversations per agent").fill("5");
  await team.getByRole("button", { name: "Save assignment" }).click();
  await expect(team.getByText("Automatic assignment is on.")).toBeVisible();
  // Beside the team default, each member's own cap (blank: the default).
  const jordanCap = team.getByRole("form", { name: `Cap for ${jordan.name}` });
  await expect(jordanCap.getByLabel(jordan.name)).toHaveAttribute("placeholder", "Default (5)");
  await jordanCap.getByLabel(jordan.name).fill("1000");
  await jordanCap.getByRole("button", { name: "Save" }).click();
  await expect(jordanCap.getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(page.locator(`[data-team="${teamName}"]`).getByRole("form", { name: `Cap for ${jordan.name}` }).getByLabel(jordan.name)).toHaveValue("1000");
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.locator(`[data-team="${teamName}"]`).getByRole("form", { name: `Automatic assignment for ${teamName}` }).evaluate((form) => form.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `test-results/team-agent-caps-${viewport.width}.png` });
    await expectNoSeriousA11yViolations(page, `Settings › Teams with automatic assignment and per-agent caps (${viewport.width}px)`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Jordan has the inbox open but is Away.
  const agent = await browser.newContext();
  await signInAs(agent, jordan);
  const agentPage = await agent.newPage();
  await agentPage.goto(inboxUrl("you"));
  await waitForLive(agentPage);
  const accountMenu = agentPage.getByRole("button", { name: /Account menu/ });
  await accountMenu.click();
  await agentPage.getByRole("menuitemradio", { name: "Away" }).click();
  await expect(accountMenu).toContainText("Away");
  await agentPage.keyboard.press("Escape");

  // A contact writes in; the admin gives the new conversation to the team's round robin.
  const text = uniqueText("Round robin please");
  await contactWritesIn(browser, text);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  await thread(page).getByRole("button", { name: /^Assign/ }).click();
  // Only teams that assign automatically are offered round robin (Support's is off).
  await expect(page.getByRole("menuitem", { name: "Support (round robin)" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: `${teamName} (round robin)` }).click();
  // Nobody is available: it waits in the team's queue.
  await expect(thread(page).getByRole("button", { name: /^Assign/ })).toHaveAccessibleName(`Assign (currently ${teamName})`);

  // Jordan becomes Available: the waiting conversation is theirs, in their inbox.
  await accountMenu.click();
  await agentPage.getByRole("menuitemradio", { name: "Available" }).click();
  await expect(accountMenu).toContainText("Available");
  await agentPage.keyboard.press("Escape");
  await expect(conversationRow(agentPage, text)).toBeVisible({ timeout: 20_000 });
  await expect(conversationRow(agentPage, text)).toContainText(`${jordan.name} · ${teamName}`);
  await agent.close();
});
