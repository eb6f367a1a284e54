import { expect, test } from "@playwright/test";
import { alex, jordan, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs, signInThroughForm } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { watchCsp } from "@/e2e/fixtures/csp";
import { createAcmeAgent, expectNoCspRefusal, openSandboxMail } from "./helpers";

const SUBJECT = "Reset your Parley password";

test("forgot password, through the mail sandbox: a reset link mailed, followed once, the new password signs in and the old one no longer does", async ({ browser }) => {
  // Two people in three browsers, and a mail written by a background job.
  test.setTimeout(120_000);
  const member = await createAcmeAgent("Morgan Reset");

  // The member, signed out, asks for a reset from the sign-in page.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await watchCsp(memberPage);
  await memberPage.goto("/sign-in");
  await memberPage.getByRole("link", { name: "Forgot password?" }).click();
  await expect(memberPage.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectNoSeriousA11yViolations(memberPage, "the forgot-password page");
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByRole("button", { name: "Send reset link" }).click();
  const answer = memberPage.getByRole("status").filter({ hasText: "belongs to a Parley account" });
  await expect(answer).toContainText(`If ${member.email} belongs to a Parley account, a link to reset its password is on its way.`);
  await expectNoCspRefusal(memberPage);

  // The same answer for an address without an account.
  const strangerPage = await browser.newPage();
  await strangerPage.goto("/forgot-password");
  await strangerPage.getByLabel("Email").fill("nobody-here@acme.test");
  await strangerPage.getByRole("button", { name: "Send reset link" }).click();
  await expect(strangerPage.getByRole("status").filter({ hasText: "belongs to a Parley account" })).toContainText(
    "If nobody-here@acme.test belongs to a Parley account, a link to reset its password is on its way.",
  );
  await strangerPage.close();

  // An owner of the member's workspace finds the mail in Settings › Mail sandbox.
  const ownerContext = await browser.newContext();
  await signInAs(ownerContext, alex);
  const ownerPage = await ownerContext.newPage();
  await watchCsp(ownerPage);
  await ownerPage.goto(`/${workspaces.acme.id}/settings`);
  await ownerPage.getByRole("link", { name: /Mail sandbox/ }).click();
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Mail sandbox" })).toBeVisible();
  await expect(ownerPage.getByText("No mail server is set up, so Parley keeps every mail here instead of sending it.")).toBeVisible();
  await expectNoSeriousA11yViolations(ownerPage, "the mail sandbox");
  await expect(ownerPage.getByRole("row").filter({ hasText: "nobody-here@acme.test" })).toHaveCount(0);
  const mail = await openSandboxMail(ownerPage, member.email, SUBJECT);
  const link = mail.getByRole("link", { name: "Choose a new password" });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
  await expect(ownerPage.locator("pre")).toContainText(`Choose a new password: ${href}`);
  await expectNoSeriousA11yViolations(ownerPage, "a mail in the sandbox");
  await expectNoCspRefusal(ownerPage);

  // The member follows the link and sets a new password.
  await memberPage.goto(href);
  await expect(memberPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoSeriousA11yViolations(memberPage, "the reset page");
  await memberPage.getByLabel("New password", { exact: true }).fill("short");
  await memberPage.getByLabel("Repeat the new password").fill("short");
  await memberPage.getByRole("button", { name: "Set new password" }).click();
  await expect(memberPage.getByText("Use at least 10 characters.")).toBeVisible();
  await memberPage.getByLabel("New password", { exact: true }).fill("a second password");
  await memberPage.getByLabel("Repeat the new password").fill("a second password");
  await memberPage.getByRole("button", { name: "Set new password" }).click();
  await expect(memberPage.getByRole("status")).toContainText("Your password was changed");
  await expectNoCspRefusal(memberPage);
  await memberPage.getByRole("link", { name: "Sign in" }).click();

  await signInThroughForm(memberPage, { email: member.email, password: "a second password" });
  await expect(memberPage).toHaveURL(new RegExp(`/${workspaces.acme.id}/`));

  // The link worked once.
  await memberPage.goto(href);
  await expect(memberPage.getByText("This reset link has expired or was already used.")).toBeVisible();

  // The old password no longer signs in.
  const oldPasswordPage = await browser.newPage();
  await oldPasswordPage.goto("/sign-in");
  await oldPasswordPage.getByLabel("Email").fill(member.email);
  await oldPasswordPage.getByLabel("Password").fill(member.password);
  await oldPasswordPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(oldPasswordPage.getByRole("main").getByRole("alert")).toHaveText("That email and password don't match an account.");

  await Promise.all([memberContext.close(), ownerContext.close(), oldPasswordPage.close()]);
});

test("the mail sandbox is for owners only", async ({ page }) => {
  await signInAs(page.context(), jordan);
  await page.goto(`/${workspaces.acme.id}/settings/mail-sandbox`);
  await expect(page.getByText("Only workspace owners can read the mail sandbox")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.goto(`/${workspaces.acme.id}/settings`);
  await expect(page.getByRole("link", { name: /Mail sandbox/ })).toHaveCount(0);
});
