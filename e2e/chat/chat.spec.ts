import { expect, test } from "@playwright/test";
import { alex, jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, ACME_CHAT, contactWritesIn, conversationRow, inboxUrl, thread, uniqueText, waitForLive } from "@/e2e/inbox/helpers/inbox-page";

test("a badly signed identity is refused with a clear 403 page; half an identity too", async ({ page }) => {
  const bad = await page.goto(`/chat/${ACME_CHAT}?user_id=acme-1&user_hash=${"0".repeat(64)}`);
  expect(bad?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This chat link is not valid" })).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveCount(0);
  const half = await page.goto(`/chat/${ACME_CHAT}?user_id=acme-1`);
  expect(half?.status()).toBe(403);
  const unknownChannel = await page.goto(`/chat/0a0c0e00-0000-4000-8000-00000000dead`);
  expect(unknownChannel?.status()).toBe(404);
});

test("an anonymous visitor chats, keeps the session on reload, and sees the agent's reply live", async ({ page, context, browser }) => {
  const text = uniqueText("Do you ship to Norway?");
  const contact = await contactWritesIn(browser, text);
  const cookies = await contact.context.cookies();
  const session = cookies.find((c) => c.name.startsWith("parley_chat_"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: `/chat/${ACME_CHAT}` });

  // Reload: same session, same history.
  await contact.page.reload();
  await expect(contact.page.getByRole("list", { name: "Messages" })).toContainText(text);
  await waitForLive(contact.page);
  await expectNoSeriousA11yViolations(contact.page, "chat page");

  await signInAs(context, jordan);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  const reply = uniqueText("Yes, we do");
  await thread(page).getByRole("textbox", { name: /Reply to/ }).fill(reply);
  await thread(page).getByRole("button", { name: "Send reply" }).click();
  const delivered = contact.page.getByRole("article", { name: "Message from Jordan Lee" });
  await expect(delivered).toContainText(reply, { timeout: 10_000 });
  // The sender's avatar sits next to the message.
  await expect(contact.page.getByRole("listitem").filter({ has: delivered }).locator("img, [data-slot=avatar], span[aria-hidden]").first()).toBeAttached();
  await contact.context.close();
});

test("'Open chat as this contact' opens a signed chat that shows their messages, never notes", async ({ page, context }) => {
  await signInAs(context, jordan);
  // Ada Lovelace has a seeded conversation assigned to Jordan.
  await page.goto(`/${ACME}/inbox/you`);
  await conversationRow(page, "Ada Lovelace").click();
  await expect(thread(page).getByRole("heading", { level: 2, name: "Ada Lovelace" })).toBeVisible();
  await expect(thread(page).getByRole("textbox", { name: /Reply to/ })).toBeVisible();
  const note = uniqueText("Internal: Ada is a VIP");
  await page.keyboard.press("n");
  await thread(page).getByRole("textbox", { name: /Internal note/ }).fill(note);
  await thread(page).getByRole("button", { name: "Add note" }).click();
  await expect(thread(page).getByRole("article", { name: "Note from Jordan Lee" }).last()).toContainText(note);

  await thread(page).getByRole("heading", { level: 2 }).getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  const [chat] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Open chat as this contact/ }).first().click()]);
  await expect(chat).toHaveURL(/user_id=.+&user_hash=[0-9a-f]{64}/);
  const messages = chat.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("I can't find the export button");
  await expect(chat.getByRole("article", { name: "Message from Jordan Lee" }).first()).toContainText("under the ⋯ menu");
  await expect(messages).not.toContainText(note);

  // The contact answers; the agent sees it in the thread.
  await waitForLive(chat);
  const answer = uniqueText("Found it, thanks");
  await chat.getByLabel("Your message").fill(answer);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(messages).toContainText(answer);
  await page.goto(`/${ACME}/inbox/you`);
  await expect(conversationRow(page, "Ada Lovelace")).toContainText(answer);
  await chat.close();
});

test("a From Contact message recorded through the API is in the inbox but never in the contact's own chat; one sent while the chat connects shows once it is live", async ({ page, context, request }) => {
  await signInAs(context, alex);
  await page.goto(`/${ACME}/settings/api-keys`);
  await page.getByLabel("Key name").fill(uniqueText("Tracking"));
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = ((await page.getByTestId("revealed-secret").textContent()) ?? "").trim();
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };

  const externalId = `from-contact-${Date.now()}`;
  const lastName = uniqueText("Recorded");
  const created = await request.put(`/api/v1/contacts/${externalId}`, { headers, data: { firstName: "Quinn", lastName } });
  expect(created.status()).toBe(201);
  const contactId = ((await created.json()) as { contact: { id: string } }).contact.id;
  const recorded = uniqueText("Asked about pricing on the phone");
  // Opened at once: the conversation is live in the inbox, yet nothing was delivered to the contact.
  const started = await request.post("/api/v1/conversations", {
    headers,
    data: { contact: { externalId }, message: recorded, direction: "from_contact", openMode: "immediately" },
  });
  expect(started.status()).toBe(201);

  await page.goto(inboxUrl("all"));
  await expect(conversationRow(page, lastName)).toContainText(recorded);

  await page.goto(`/${ACME}/contacts/${contactId}`);
  const [chat] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Open chat as this contact/ }).first().click()]);
  const messages = chat.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("Send us a message");
  await expect(messages).not.toContainText(recorded);
  await expect(chat.getByRole("article", { name: "Message from You" })).toHaveCount(0);

  // What the contact really writes shows as theirs.
  await waitForLive(chat);
  const answer = uniqueText("Yes, the yearly plan");
  await chat.getByLabel("Your message").fill(answer);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("article", { name: "Message from You" })).toHaveCount(1);
  await expect(messages).toContainText(answer);
  await expect(messages).not.toContainText(recorded);
  await chat.close();

  // A message written after the chat page was rendered but before its live stream listens: the
  // stream's first "ready" reads the thread again, so the message shows without a reload.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/api\/chat\/[^/]+\/events/, async (route) => {
    await held;
    await route.continue();
  });
  const [late] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Open chat as this contact/ }).first().click()]);
  const lateMessages = late.getByRole("list", { name: "Messages" });
  await expect(lateMessages).toContainText(answer);
  const meanwhile = uniqueText("We have a yearly discount this week");
  const sent = await request.post("/api/v1/conversations", { headers, data: { contact: { externalId }, message: meanwhile } });
  expect(sent.status()).toBe(201);
  await expect(lateMessages).not.toContainText(meanwhile);
  release();
  await waitForLive(late);
  await expect(lateMessages).toContainText(meanwhile);
  await late.close();
});
