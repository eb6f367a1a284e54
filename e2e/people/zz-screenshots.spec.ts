import { expect, test } from "@playwright/test";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { ACME } from "@/e2e/inbox/helpers/inbox-page";

// Throwaway: screenshots for review (not committed).
test("screenshots", async ({ page, context, browser }) => {
  test.setTimeout(180_000);
  await signInAs(context, alex);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/${ACME}/settings/members`);
  for (const who of ["dana", "lee"]) {
    await page.getByLabel("Email address").fill(`${who}-${Date.now()}@example.com`);
    await page.getByRole("button", { name: "Send invitation", exact: true }).click();
    await expect(page.getByText(/Invitation sent to/)).toBeVisible();
  }
  await page.reload();
  const firstPending = page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").first();
  await firstPending.getByRole("button", { name: /Copy link for/ }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  for (const [w, h, tag] of [[1440, 900, "desktop"], [390, 844, "mobile"]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `/tmp/people-shots/members-${tag}.png`, fullPage: true });
    await page.goto(`/${ACME}/settings/teams`);
    await page.screenshot({ path: `/tmp/people-shots/teams-${tag}.png`, fullPage: true });
    await page.goto(`/${ACME}/settings/audit-log`);
    await page.screenshot({ path: `/tmp/people-shots/audit-${tag}.png`, fullPage: true });
    await page.goto(`/${ACME}/settings`);
    await page.screenshot({ path: `/tmp/people-shots/settings-${tag}.png`, fullPage: true });
    const other = await browser.newContext({ viewport: { width: w, height: h } });
    const invitee = await other.newPage();
    await invitee.goto(link);
    await invitee.screenshot({ path: `/tmp/people-shots/invite-${tag}.png`, fullPage: true });
    await invitee.goto("/invite?token=" + "x".repeat(43));
    await invitee.screenshot({ path: `/tmp/people-shots/invite-invalid-${tag}.png`, fullPage: true });
    await other.close();
    await page.goto(`/${ACME}/settings/members`);
    if (tag === "desktop") {
      const pending = page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").first();
      await pending.getByRole("button", { name: /Copy link for/ }).click();
      await expect(page.getByTestId("invitation-link")).toBeVisible();
    }
  }
});
