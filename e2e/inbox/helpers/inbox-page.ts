import { expect, type Browser, type Page } from "@playwright/test";
import { workspaces } from "@/e2e/fixtures/demo-users";

export const ACME = workspaces.acme.id;
export const ACME_CHAT = "0a0c0e00-0000-4000-8000-0000000000c1";
export const inboxUrl = (view = "all", query = "") => `/${ACME}/inbox/${view}${query ? `?${query}` : ""}`;

/** The conversation list of the open inbox page. */
export const conversationList = (page: Page) => page.getByRole("list", { name: "Conversations" });
export const conversationRow = (page: Page, text: string | RegExp) => conversationList(page).getByRole("link").filter({ hasText: text });
/** A row by conversation id: stable when the preview changes to the latest message. */
export const rowOf = (page: Page, conversationId: string) => page.locator(`[data-inbox-row="${conversationId}"]`);
/** The conversation open in the thread, from the URL (/inbox/…/c/<id>). */
export const openConversationId = (page: Page) => new URL(page.url()).pathname.split("/c/")[1]!;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A view in the views sidebar by its name (saved views are announced as shared or personal first). */
export const viewLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: new RegExp(`^((Shared|Personal) view: ?)?${escapeRegExp(name)}( |$)`) });
/** Takes focus off whatever has it, so single-key shortcuts apply again. */
export const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
export const thread = (page: Page) => page.locator("section[data-conversation-id]");

/** Waits until the page's live connection (SSE) is up, so what happens next is pushed to it. */
export async function waitForLive(page: Page) {
  await expect(page.locator("[data-live-status]").first()).toHaveAttribute("data-live-status", "live", { timeout: 20_000 });
}

/**
 * A contact writes in on the public chat page, in a browser context of their own (no agent
 * session): an anonymous visitor becomes a new contact and a new inbound conversation.
 */
export async function contactWritesIn(browser: Browser, text: string, query = "") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/chat/${ACME_CHAT}${query}`);
  await waitForLive(page);
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText(text);
  return { context, page };
}

/** The unique text a test uses to find its own conversation among the seeded ones. */
export const uniqueText = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
