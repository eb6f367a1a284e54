import sharp from "sharp";
import { expect, test, type Page } from "@playwright/test";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { watchCsp } from "@/e2e/fixtures/csp";
import { createAcmeAgent, expectNoCspRefusal, openSandboxMail } from "./helpers";

const sidebar = (page: Page) => page.getByRole("complementary", { name: "Sidebar" });

async function openProfile(page: Page) {
  await page.goto(`/${workspaces.acme.id}/inbox`);
  await sidebar(page).getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Profile and password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
}

test("a person sets their name and avatar from the account menu, and changes their password keeping this session only", async ({ browser }) => {
  test.setTimeout(120_000);
  const me = await createAcmeAgent("Quinn Profile");
  const context = await browser.newContext();
  await signInAs(context, me);
  const elsewhere = await browser.newContext();
  await signInAs(elsewhere, me);
  const page = await context.newPage();
  await watchCsp(page);

  await openProfile(page);
  await expectNoSeriousA11yViolations(page, "the profile page");

  await page.getByLabel("Name", { exact: true }).fill("Quinn Renamed");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Name saved." })).toBeVisible();
  await expect(sidebar(page).getByText("Quinn Renamed")).toBeVisible();

  // An SVG is refused whatever it is called; a PNG is stored and served as a square image.
  await page.getByLabel("Avatar", { exact: true }).setInputFiles({ name: "me.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await page.getByRole("button", { name: "Upload avatar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Upload a PNG, JPEG, WebP or GIF image." })).toBeVisible();
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#0e7490" } }).png().toBuffer();
  await page.getByLabel("Avatar", { exact: true }).setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Upload avatar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Avatar saved." })).toBeVisible();
  const image = sidebar(page).locator("img[src^='/api/avatars/']");
  await expect(image).toHaveCount(1);
  const avatar = await page.request.get((await image.getAttribute("src"))!);
  expect(avatar.status()).toBe(200);
  expect(avatar.headers()).toMatchObject({ "content-type": "image/webp", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" });

  // The password: the current one is needed; the change keeps this browser signed in and ends the other session.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a better password");
  await page.getByLabel("Repeat the new password").fill("a better password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(me.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed. Your other sessions were signed out." })).toBeVisible();
  await expectNoCspRefusal(page);

  await page.goto(`/${workspaces.acme.id}/inbox`);
  await expect(page).toHaveURL(new RegExp(`/${workspaces.acme.id}/inbox`));
  await expect(sidebar(page).getByText("Quinn Renamed")).toBeVisible();
  const other = await elsewhere.newPage();
  await other.goto(`/${workspaces.acme.id}/inbox`);
  await expect(other).toHaveURL(/\/sign-in/);

  await Promise.all([context.close(), elsewhere.close()]);
});

test("a new email address is used once its mailed link is opened; another account's address is refused", async ({ browser }) => {
  test.setTimeout(120_000);
  const me = await createAcmeAgent("Ellis Email");
  const context = await browser.newContext();
  await signInAs(context, me);
  const page = await context.newPage();
  await openProfile(page);

  await page.getByLabel("New email address").fill(alex.email);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText("That email address is already used by another Parley account.")).toBeVisible();

  const newAddress = me.email.replace("@", ".new@");
  await page.getByLabel("New email address").fill(newAddress);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We mailed a confirmation link to ${newAddress}` })).toBeVisible();
  await page.reload();
  await expect(page.getByText(`Waiting for you to open the link we mailed to ${newAddress}`)).toBeVisible();
  await expect(page.getByText(`You sign in with ${me.email}.`)).toBeVisible();

  const ownerContext = await browser.newContext();
  await signInAs(ownerContext, alex);
  const ownerPage = await ownerContext.newPage();
  const mail = await openSandboxMail(ownerPage, newAddress, "Confirm your new Parley email address");
  const href = (await mail.getByRole("link", { name: "Confirm this address" }).getAttribute("href"))!;

  await watchCsp(page);
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "Confirm your new email address" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the email confirmation page");
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page.getByRole("status")).toContainText(`Your account now uses ${newAddress}`);
  await expectNoCspRefusal(page);
  await openProfile(page);
  await expect(page.getByText(`You sign in with ${newAddress}.`)).toBeVisible();

  await Promise.all([context.close(), ownerContext.close()]);
});
