import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, ACME_CHAT, conversationRow, inboxUrl, thread, uniqueText, waitForLive } from "@/e2e/inbox/helpers/inbox-page";

// Pages compile on first visit under `npm run dev`; a generous timeout keeps these flows honest there too.
const expect = baseExpect.configure({ timeout: 30_000 });

const GLOBEX = "0a0c0e00-0000-4000-8000-000000000002";

/** Creates an API key through Settings and returns its secret, shown once. */
async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto(`/${ACME}/settings/api-keys`);
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  const secret = page.getByTestId("revealed-secret");
  await expect(secret).toBeVisible();
  const value = (await secret.textContent())?.trim() ?? "";
  expect(value).toMatch(/^prly_/);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Active");
  return value;
}

function api(request: APIRequestContext, key: string) {
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  return {
    putContact: (externalId: string, data: unknown) => request.put(`/api/v1/contacts/${encodeURIComponent(externalId)}`, { headers, data }),
    start: (data: unknown, idempotencyKey: string) => request.post("/api/v1/conversations", { headers: { ...headers, "Idempotency-Key": idempotencyKey }, data }),
    get: (id: string) => request.get(`/api/v1/conversations/${id}`, { headers }),
  };
}

// Builds and first compiles of each page make these flows slower than the default minute.
test.describe.configure({ timeout: 180_000 });

const randomPhone = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_000_000))}`;

test("a third-party bot starts a conversation through the API; the contact's chat reply puts it in the inbox as API", async ({ page, context, request }) => {
  await signInAs(context, alex);
  const key = await createApiKey(page, uniqueText("Amelia AI"));
  const client = api(request, key);

  const lastName = uniqueText("Bot");
  const externalId = `amelia-${Date.now()}`;
  const contact = await client.putContact(externalId, { firstName: "Toni", lastName, email: `${externalId}@example.com` });
  expect(contact.status()).toBe(201);
  const contactId = ((await contact.json()) as { contact: { id: string } }).contact.id;

  const body = {
    contact: { externalId },
    message: "Hi {{first_name}}, this is Amelia from Acme. Is there anything I can help you with?",
    senderName: "Amelia AI",
    openMode: "after_reply",
    customerIdentifier: externalId,
    createInThirdParty: true,
  };
  const started = await client.start(body, `start-${externalId}`);
  expect(started.status()).toBe(201);
  const conversation = ((await started.json()) as { conversation: { id: string; origin: string; state: string } }).conversation;
  expect(conversation).toMatchObject({ origin: "api", state: "campaign" });
  // A retry with the same Idempotency-Key is the same conversation.
  const retried = await client.start(body, `start-${externalId}`);
  expect(retried.headers()["idempotent-replayed"]).toBe("true");
  expect(((await retried.json()) as { conversation: { id: string } }).conversation.id).toBe(conversation.id);

  // Unanswered, it is a campaign: not in the inbox.
  await page.goto(inboxUrl("all"));
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
  await expect(conversationRow(page, lastName)).toHaveCount(0);

  // The contact opens their chat and sees the bot's message, then replies.
  await page.goto(`/${ACME}/contacts/${contactId}`);
  const [chat] = await Promise.all([page.waitForEvent("popup"), page.locator(`a[href*="/chat/${ACME_CHAT}?"]`).click()]);
  const messages = chat.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("Hi Toni, this is Amelia from Acme.");
  await waitForLive(chat);
  const reply = uniqueText("Yes, where is my parcel?");
  await chat.getByLabel("Your message").fill(reply);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(messages).toContainText(reply);
  await chat.close();

  // Now it is open, in the inbox, marked as started through the API.
  await page.goto(inboxUrl("all"));
  const row = conversationRow(page, lastName);
  await expect(row).toBeVisible();
  await expect(row).toContainText("API");
  await row.click();
  await expect(thread(page)).toContainText("Hi Toni, this is Amelia from Acme.");
  await expect(thread(page)).toContainText(reply);

  const read = await client.get(conversation.id);
  expect(read.status()).toBe(200);
  const after = ((await read.json()) as { conversation: { state: string; messages: { authorType: string; text: string }[] } }).conversation;
  expect(after.state).toBe("open");
  expect(after.messages.map((m) => m.text)).toContain(reply);
});

test("SMS sandbox round trip: a text reaches the pretend phone and its reply opens the conversation", async ({ page, context, request }) => {
  await signInAs(context, alex);
  const key = await createApiKey(page, uniqueText("SMS bot"));
  const client = api(request, key);

  await page.goto(`/${ACME}/settings/channels/new-sms`);
  const channelName = uniqueText("Sandbox SMS");
  await page.getByLabel("Channel name").fill(channelName);
  await page.getByLabel("SMS sandbox").check();
  await page.getByLabel("From number").fill("+1 415 555 0100");
  await page.getByRole("button", { name: "Create SMS channel" }).click();
  await page.waitForURL(/\/settings\/channels\/[0-9a-f-]{36}$/);
  const channelId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1, name: channelName })).toBeVisible();

  const phone = randomPhone();
  const lastName = uniqueText("Texter");
  const externalId = `sms-${Date.now()}`;
  expect((await client.putContact(externalId, { firstName: "Robin", lastName, phone })).status()).toBe(201);
  const started = await client.start(
    { channelId, contact: { externalId }, message: "Hi {{first_name}}, your table for two is ready.", senderName: "Acme Bistro", openMode: "after_reply" },
    `sms-${externalId}`,
  );
  expect(started.status()).toBe(201);

  // The worker sends it through the sandbox provider; the sandbox page shows what the phone received.
  await page.goto(`/${ACME}/settings/sms-sandbox?channel=${channelId}&phone=${encodeURIComponent(phone)}`);
  const texts = page.getByRole("list", { name: `Texts with ${phone}` });
  await expect(texts).toContainText("Hi Robin, your table for two is ready.");

  const reply = uniqueText("Great, on my way");
  const replyForm = page.getByRole("form", { name: `Reply as ${phone}` });
  await replyForm.getByRole("textbox", { name: `Reply as ${phone}` }).fill(reply);
  await replyForm.getByRole("button", { name: "Send text" }).click();
  await expect(texts).toContainText(reply);

  await page.goto(inboxUrl("all"));
  const row = conversationRow(page, lastName);
  await expect(row).toBeVisible();
  await expect(row).toContainText("API");
  await row.click();
  await expect(thread(page)).toContainText(reply);
});

test("a free workspace sees integrations locked, and the API refuses third-party options", async ({ page, context, request }) => {
  await signInAs(context, alex);
  await page.goto(`/${GLOBEX}/settings/integrations`);
  await expect(page.getByRole("note", { name: "Channel integrations is locked" })).toContainText("Enterprise feature");
  await expect(page.getByRole("link", { name: "Change the plan" })).toBeVisible();

  await page.goto(`/${GLOBEX}/settings/api-keys`);
  const name = uniqueText("Globex key");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = ((await page.getByTestId("revealed-secret").textContent()) ?? "").trim();
  const response = await request.post("/api/v1/conversations", {
    headers: { Authorization: `Bearer ${key}` },
    data: { contact: { email: "nobody@example.com" }, message: "Hi", createInThirdParty: true },
  });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("enterprise_required");
});

test("the third-party settings pages have no serious accessibility violations", async ({ page, context }) => {
  await signInAs(context, alex);
  for (const path of ["plan", "api-keys", "api", "integrations", `channels/${ACME_CHAT}/integration`, "sms-sandbox", "channels/new-sms"]) {
    await page.goto(`/${ACME}/settings/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, path);
  }
});
