import { readFile } from "node:fs/promises";
import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { alex } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME, conversationRow, inboxUrl, uniqueText } from "@/e2e/inbox/helpers/inbox-page";

// Pages compile on first visit under `npm run dev`; a generous timeout keeps these flows honest there too.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

/** An API key with every scope, contacts:delete ticked too (it is opt-in), created through Settings. */
async function apiClient(page: Page, request: APIRequestContext) {
  await page.goto(`/${ACME}/settings/api-keys`);
  await page.getByLabel("Key name").fill(uniqueText("Contacts sync"));
  await page.getByRole("checkbox", { name: /contacts:delete/ }).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = ((await page.getByTestId("revealed-secret").textContent()) ?? "").trim();
  baseExpect(key).toMatch(/^prly_/);
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  return {
    put: async (externalId: string, data: unknown) => {
      const response = await request.put(`/api/v1/contacts/${encodeURIComponent(externalId)}`, { headers, data });
      baseExpect(response.status()).toBe(201);
      return ((await response.json()) as { contact: { id: string } }).contact.id;
    },
    start: async (externalId: string, message: string) => {
      const response = await request.post("/api/v1/conversations", { headers, data: { contact: { externalId }, message, direction: "from_contact", openMode: "immediately" } });
      baseExpect(response.status()).toBe(201);
    },
    list: async (query: string) => {
      const response = await request.get(`/api/v1/contacts?${query}`, { headers });
      baseExpect(response.status()).toBe(200);
      return ((await response.json()) as { contacts: { id: string }[] }).contacts;
    },
  };
}

test("delete a contact from its page: gone from the list, their conversation gone from the inbox", async ({ page, context, request }) => {
  await signInAs(context, alex);
  const api = await apiClient(page, request);
  const lastName = uniqueText("Forget");
  const externalId = `erase-${Date.now()}`;
  const contactId = await api.put(externalId, { firstName: "Robin", lastName, email: `${externalId}@example.com` });
  const said = uniqueText("Please erase my data");
  await api.start(externalId, said);
  await page.goto(inboxUrl("all"));
  await expect(conversationRow(page, lastName)).toContainText(said);

  await page.goto(`/${ACME}/contacts/${contactId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Robin ${lastName}` })).toBeVisible();
  await page.getByRole("button", { name: "Delete contact" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("cannot be undone");
  await expectNoSeriousA11yViolations(page, "delete contact dialog");
  await dialog.getByRole("button", { name: "Delete contact" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ACME}/contacts$`));

  const search = page.getByRole("searchbox", { name: "Search contacts" });
  await search.fill(lastName);
  await search.press("Enter");
  await expect(page.getByRole("heading", { name: "No contacts match" })).toBeVisible();
  await page.goto(inboxUrl("all"));
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
  await expect(conversationRow(page, lastName)).toHaveCount(0);
  expect((await page.goto(`/${ACME}/contacts/${contactId}`))?.status()).toBe(404);
  expect(await api.list(`externalId=${externalId}`)).toEqual([]);
});

test("merge two contacts of one person, choosing a field; the merged external id finds the survivor", async ({ page, context, request }) => {
  await signInAs(context, alex);
  const api = await apiClient(page, request);
  const lastName = uniqueText("Twin");
  const stamp = Date.now();
  const keptId = await api.put(`merge-a-${stamp}`, { firstName: "Sasha", lastName, email: `sasha.old.${stamp}@example.com`, attributes: { plan: "free" }, tags: ["web"] });
  const goneId = await api.put(`merge-b-${stamp}`, { firstName: "Sasha", lastName, email: `sasha.new.${stamp}@example.com`, attributes: { plan: "pro", city: "Oslo" }, tags: ["crm"] });
  await api.start(`merge-b-${stamp}`, uniqueText("Second account asking"));

  await page.goto(`/${ACME}/contacts/${keptId}`);
  await page.getByRole("link", { name: "Merge…" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Merge into Sasha ${lastName}` })).toBeVisible();
  await page.getByRole("searchbox", { name: "Find a contact" }).fill(lastName);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: `Compare Sasha ${lastName} with Sasha ${lastName}` }).click();
  await expect(page).toHaveURL(new RegExp(`with=${goneId}`));
  await expectNoSeriousA11yViolations(page, "merge page");

  // Email and plan differ: keep the merged contact's email, the survivor's plan.
  await page.getByRole("radio", { name: `Email: sasha.new.${stamp}@example.com` }).check();
  await expect(page.getByRole("radio", { name: "plan: free" })).toBeChecked();
  await page.getByRole("button", { name: `Merge into Sasha ${lastName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${keptId}$`));

  const details = page.getByRole("region", { name: "Details" });
  // The contact's page is its edit form: the kept values are the fields' values.
  await expect(details.getByLabel("Email", { exact: true })).toHaveValue(`sasha.new.${stamp}@example.com`);
  await expect(details.getByLabel("External id", { exact: true })).toHaveValue(`merge-a-${stamp}`);
  await expect(details).toContainText("Oslo");
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("crm");
  await expect(page.getByRole("heading", { name: "Open conversations" })).toBeVisible();
  await expect(page.getByText("Second account asking")).toBeVisible();
  expect((await api.list(`externalId=merge-b-${stamp}`)).map((c) => c.id)).toEqual([keptId]);
});

test("export the filtered Contacts list: the CSV's rows are the list's rows", async ({ page, context, request }) => {
  await signInAs(context, alex);
  const api = await apiClient(page, request);
  const lastName = uniqueText("Exported");
  const stamp = Date.now();
  for (const [i, first] of ["Cleo", "=cmd", "Ari"].entries()) {
    await api.put(`export-${stamp}-${i}`, { firstName: first, lastName, attributes: { tier: `t${i}` }, tags: ["export", `n${i}`] });
  }
  await page.goto(`/${ACME}/contacts?q=${encodeURIComponent(lastName)}`);
  const names = await page.getByRole("table").getByRole("link").allTextContents();
  expect(names).toHaveLength(3);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
  // Same people, same order; a cell that would run as a formula is prefixed.
  expect(rows.map((row) => `${row["First name"]!.replace(/^'/, "")} ${row["Last name"]}`)).toEqual(names);
  expect(rows.find((row) => row["External id"] === `export-${stamp}-1`)).toMatchObject({ "First name": "'=cmd", tier: "t1", Tags: "export, n1" });
  await expectNoSeriousA11yViolations(page, "contacts list with export");
});
