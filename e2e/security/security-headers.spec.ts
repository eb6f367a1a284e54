import http from "node:http";
import type { AddressInfo } from "node:net";
import { cspViolations, watchCsp } from "@/e2e/fixtures/csp";
import { expect, test } from "@playwright/test";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { ACME, ACME_CHAT, contactWritesIn, conversationRow, inboxUrl, thread, uniqueText } from "@/e2e/inbox/helpers/inbox-page";
import { createWorkflow, dragFromPalette } from "@/e2e/workflows/builder-helpers";


/** A website on another origin that frames the chat, as a customer's site would. */
async function hostSite(chatUrl: string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(`<!doctype html><title>Shop</title><iframe src="${chatUrl}" title="Chat" width="380" height="500"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test("each kind of response carries its security headers", async ({ request, baseURL }) => {
  const signIn = await request.get("/sign-in");
  const appCsp = signIn.headers()["content-security-policy"] ?? "";
  expect(appCsp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(appCsp).toContain("frame-ancestors 'none'");
  expect(appCsp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(signIn.headers()).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  // A fresh nonce on every response, and it is the one on the page's scripts.
  const again = (await request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toBe(appCsp);
  const nonce = appCsp.match(/'nonce-([^']+)'/)![1]!;
  expect(await signIn.text()).toContain(`nonce="${nonce}"`);
  // Served over plain http here: no HSTS (it is sent when the request came over https).
  expect(signIn.headers()["strict-transport-security"]).toBeUndefined();
  const overHttps = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);

  const chat = await request.get(`/chat/${ACME_CHAT}`);
  expect(chat.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(chat.headers()["x-frame-options"]).toBeUndefined();
  expect(chat.headers()["x-content-type-options"]).toBe("nosniff");

  // Public API routes skip the proxy (proxy.ts): npm start's server gives them the same headers.
  for (const path of ["/api/health", `/api/chat/${ACME_CHAT}/messages`]) {
    const api = await request.get(path);
    expect(api.headers()["content-security-policy"], path).toContain("default-src 'none'");
    expect(api.headers(), path).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
  }
  const apiOverHttps = await request.get(`/api/chat/${ACME_CHAT}/messages`, { headers: { "X-Forwarded-Proto": "https" } });
  expect(apiOverHttps.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  // A page carries one policy, the proxy's: the front door sets none on pages.
  expect(signIn.headersArray().filter((header) => header.name.toLowerCase() === "content-security-policy")).toHaveLength(1);
  expect(baseURL).toBeTruthy();
});

test("the health check tells the public only up or down; a signed-in owner sees the workers", async ({ request, context, page }) => {
  expect(Object.keys(await (await request.get("/api/health")).json())).toEqual(["status"]);
  await signInAs(context, alex);
  const detailed = await page.request.get("/api/health");
  expect(await detailed.json()).toMatchObject({ database: { ok: true }, worker: { alive: expect.any(Number) } });
});

test("app pages and the chat run under the policy without a single refusal", async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  await watchCsp(page);
  const text = uniqueText("CSP check");
  const contact = await contactWritesIn(browser, text);
  await contact.page.reload();
  await expect(contact.page.getByRole("list", { name: "Messages" })).toContainText(text);
  expect(await cspViolations(contact.page), "chat page").toEqual([]);
  await contact.context.close();

  await signInAs(context, alex);
  await page.goto(inboxUrl("all"));
  await conversationRow(page, text).click();
  await expect(thread(page).getByRole("textbox", { name: /Reply to/ })).toBeVisible();
  await thread(page).getByRole("button", { name: /Snooze/ }).first().click();
  await page.keyboard.press("Escape");
  expect(await cspViolations(page), "inbox").toEqual([]);

  await createWorkflow(page, ACME, uniqueText("CSP workflow"));
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 200 });
  await page.getByTestId("config-panel").getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Hello {{");
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Run on contact…" }).click();
  await expect(page.getByRole("dialog", { name: "Run on contact" })).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await cspViolations(page), "workflow editor").toEqual([]);

  await page.goto(`/${ACME}/settings/conversations`);
  await expect(page.getByRole("heading", { name: "Conversations", level: 1 })).toBeVisible();
  expect(await cspViolations(page), "settings").toEqual([]);
});

test("a chat channel is framed only by the websites listed for it; none listed warns that any site may", async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  await signInAs(context, alex);
  await page.goto(`/${ACME}/settings/conversations`);
  const channelName = uniqueText("Shop chat");
  await page.getByLabel("New chat channel name").fill(channelName);
  await page.getByRole("button", { name: "Create chat channel" }).click();
  const card = page.locator("[data-channel-id]").filter({ has: page.getByRole("heading", { name: channelName }) });
  await expect(card).toBeVisible();
  await expect(card.getByText("Any website can embed this chat now.")).toBeVisible();
  const channelId = (await card.getAttribute("data-channel-id"))!;
  const chatUrl = `${baseURL}/chat/${channelId}`;

  const allowed = await hostSite(chatUrl);
  const other = await hostSite(chatUrl);
  try {
    const field = card.getByLabel(`Allowed websites for ${channelName}`);
    await field.fill(`not a site\n${allowed.origin}`);
    await card.getByRole("button", { name: "Save allowed websites" }).click();
    await expect(card.getByRole("alert")).toContainText("“not a site” is not a website address");
    await field.fill(`${allowed.origin}/shop/\n\n${allowed.origin}`);
    await card.getByRole("button", { name: "Save allowed websites" }).click();
    await expect(card.getByText("Allowed websites saved.")).toBeVisible();
    await expect(field).toHaveValue(allowed.origin);
    await expect(card.getByText("Any website can embed this chat now.")).toHaveCount(0);

    const shopper = await page.context().browser()!.newContext();
    const shop = await shopper.newPage();
    await shop.goto(allowed.origin);
    await expect(shop.frameLocator("iframe").getByLabel("Your message")).toBeVisible();
    const stranger = await shopper.newPage();
    await stranger.goto(other.origin);
    // The browser refuses to show the chat in the other site's frame (Chromium shows its error page there).
    const framed = stranger.frames().find((frame) => frame !== stranger.mainFrame());
    await expect.poll(async () => framed?.url()).toBe("chrome-error://chromewebdata/");
    await expect(stranger.frameLocator("iframe").getByLabel("Your message")).toHaveCount(0);
    expect((await (await shopper.request.get(chatUrl)).headers())["content-security-policy"]).toContain(`frame-ancestors ${allowed.origin}`);
    await shopper.close();
  } finally {
    await allowed.close();
    await other.close();
  }
});

test("names made of emoji and accents give whole-character initials, and the inbox hydrates cleanly", async ({ page, context, browser }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const text = uniqueText("Emoji name");
  const contact = await contactWritesIn(browser, text);
  await contact.context.close();
  const { appDb, closeAppDb } = await import("@/e2e/inbox/helpers/server-data");
  const { sql } = await import("drizzle-orm");
  const db = await appDb();
  await db.execute(sql`UPDATE contacts SET first_name = '🦊', last_name = 'Ëmile 👩🏽‍💻'
    WHERE id = (SELECT c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.text = ${text} LIMIT 1)`);
  await closeAppDb();
  await signInAs(context, alex);
  await page.goto(inboxUrl("all"));
  const row = conversationRow(page, text);
  await expect(row).toContainText("🦊 Ëmile 👩🏽‍💻");
  await row.click();
  await expect(thread(page).getByRole("heading", { level: 2, name: "🦊 Ëmile 👩🏽‍💻" })).toBeVisible();
  await page.reload();
  await expect(thread(page).getByRole("heading", { level: 2, name: "🦊 Ëmile 👩🏽‍💻" })).toBeVisible();
  expect(errors.filter((error) => /hydrat|#418|did not match/i.test(error))).toEqual([]);
});
