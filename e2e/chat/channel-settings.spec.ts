import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { alex, jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, ACME_CHAT, uniqueText } from "@/e2e/inbox/helpers/inbox-page";

const settingsUrl = `/${ACME}/settings/conversations`;

test("owners create and rename chat channels and copy the embed snippet, which puts the chat on a page", async ({ page, context, baseURL }) => {
  await signInAs(context, alex);
  await page.goto(settingsUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Conversations" })).toBeVisible();
  const snippet = page.getByLabel("Embed snippet for Website chat");
  await expect(snippet).toHaveValue(`<script src="${baseURL}/chat/embed.js" data-parley-channel="${ACME_CHAT}" async></script>`);
  await expectNoSeriousA11yViolations(page, "settings › conversations");

  const name = uniqueText("Help center chat");
  await page.getByLabel("New chat channel name").fill(name);
  await page.getByRole("button", { name: "Create chat channel" }).click();
  const card = page.getByRole("region", { name }).or(page.locator("section", { has: page.getByRole("heading", { name }) }));
  await expect(card.first()).toBeVisible();
  await card.first().getByLabel("Channel name").fill(`${name} (renamed)`);
  await card.first().getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { name: `${name} (renamed)` })).toBeVisible();

  // The snippet, pasted into some other page, adds a button that opens the chat in an iframe.
  const script = await snippet.inputValue();
  // Another site (not this app page, which has its own Content-Security-Policy), served locally.
  const shop = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>${script}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
    await page.getByRole("button", { name: "Chat with us" }).click();
    const frame = page.frameLocator("iframe[title=Chat]");
    await expect(frame.getByLabel("Your message")).toBeVisible({ timeout: 15_000 });
  } finally {
    await new Promise<void>((resolve) => shop.close(() => resolve()));
  }
});

test("agents read the channels but cannot change them", async ({ page, context }) => {
  await signInAs(context, jordan);
  await page.goto(settingsUrl);
  await expect(page.getByText("Only workspace owners and admins can add or change channels.")).toBeVisible();
  await expect(page.getByLabel("New chat channel name")).toHaveCount(0);
  await expect(page.getByLabel("Channel name")).toHaveCount(0);
  await expect(page.getByLabel("Embed snippet for Website chat")).toBeVisible();
  await expect(page.getByLabel(/Identity secret/)).toHaveCount(0);
});
