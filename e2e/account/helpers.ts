import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { cspViolations } from "@/e2e/fixtures/csp";
import { workspaces } from "@/e2e/fixtures/demo-users";
import { appDb } from "@/e2e/inbox/helpers/server-data";

/**
 * A person of their own for a spec that changes passwords or addresses: an agent of Acme that no
 * other spec signs in as, so the seeded demo users keep theirs (the specs share one database).
 */
export async function createAcmeAgent(name: string): Promise<{ id: string; email: string; password: string; name: string }> {
  const { hashPassword } = await import("@/lib/auth/password");
  const { memberships, users } = await import("@/lib/db/schema/workspaces");
  const db = await appDb();
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 8)}@acme.test`;
  const password = "first password 1";
  const [user] = await db.insert(users).values({ email, name, passwordHash: await hashPassword(password) }).returning({ id: users.id });
  await db.insert(memberships).values({ workspaceId: workspaces.acme.id, userId: user!.id, role: "agent" });
  return { id: user!.id, email, password, name };
}

export async function expectNoCspRefusal(page: Page) {
  expect(await cspViolations(page)).toEqual([]);
}

/** The owner's mail sandbox page, reloaded until a mail to this address with this subject is listed. */
export async function openSandboxMail(page: Page, to: string, subject: string) {
  await page.goto(`/${workspaces.acme.id}/settings/mail-sandbox`);
  const row = page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject });
  // The mail is written by a background job moments after the request.
  await expect(async () => {
    await page.reload();
    await expect(row.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await row.first().getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  return page.getByRole("document", { name: `Mail: ${subject}` });
}
