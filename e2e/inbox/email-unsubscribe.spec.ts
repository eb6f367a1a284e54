import path from "node:path";
import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { cspViolations, watchCsp } from "@/e2e/fixtures/csp";
import { ACME } from "./helpers/inbox-page";
import { appDb, closeAppDb } from "./helpers/server-data";
import { freshContact } from "./helpers/workflows";

// The unsubscribe link of an email, opened by a person in a browser: a page whose button works
// under the page's Content-Security-Policy (an API route's policy allows no form).

test.afterAll(closeAppDb);

/** The contact's signed link, signed with the running app's secret (kept in its data directory). */
async function unsubscribeLinkFor(contactId: string): Promise<string> {
  const { ensureAuthSecret } = await import("@/lib/server/auth-secret");
  await ensureAuthSecret(path.resolve(process.env.PARLEY_E2E_DATA_DIR ?? ".data/e2e"));
  const { unsubscribeUrl } = await import("@/lib/email/unsubscribe-link");
  const url = new URL(unsubscribeUrl(ACME, contactId));
  return `${url.pathname}${url.search}`;
}

test("a person opens the unsubscribe link, clicks Unsubscribe, and is unsubscribed; a broken link says so on a page", async ({ page }) => {
  const contact = await freshContact(ACME, "Una", `Subscriber-${Date.now().toString(36)}`);
  await watchCsp(page);
  await page.goto(await unsubscribeLinkFor(contact.id));
  await expect(page).toHaveURL(/\/unsubscribe\?/);
  await expect(page.getByRole("heading", { name: /^Unsubscribe from / })).toBeVisible();

  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);

  const db = await appDb();
  const { contactChannelConsent } = await import("@/lib/db/schema/email");
  const consent = await db
    .select({ status: contactChannelConsent.status })
    .from(contactChannelConsent)
    .where(and(eq(contactChannelConsent.contactId, contact.id), eq(contactChannelConsent.channelKind, "email")));
  expect(consent).toEqual([{ status: "unsubscribed" }]);

  await page.goto(`/api/email/unsubscribe?w=${ACME}&c=${contact.id}&s=forged`);
  await expect(page.getByText("This unsubscribe link is not valid.")).toBeVisible();
});
