import { expect, test, type Locator, type Page } from "@playwright/test";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { thread } from "@/e2e/inbox/helpers/inbox-page";
import { createWorkflow, expectSaved } from "@/e2e/workflows/builder-helpers";

// React reports a hydration mismatch as one of these (minified in production builds).
const HYDRATION = /hydrat|did not match|server rendered|Minified React error #(418|419|421|422|423|425)/i;

function watchForHydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if ((message.type() === "error" || message.type() === "warning") && HYDRATION.test(message.text())) errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => {
    if (HYDRATION.test(error.message)) errors.push(`${page.url()}: ${error.message}`);
  });
  return errors;
}

/** How a person in `zone` expects to read the instant. */
const inZone = (iso: string, zone: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso));

/** Every date in `scope` reads in `zone`; returns the texts, so the server's HTML can be checked too. */
async function expectDatesIn(scope: Locator, zone: string): Promise<string[]> {
  const times = scope.locator("time[datetime]");
  await expect(times.first()).toBeVisible();
  const texts: string[] = [];
  for (const time of await times.all()) {
    const text = inZone((await time.getAttribute("datetime"))!, zone);
    await expect(time).toHaveText(text);
    texts.push(text);
  }
  return texts;
}

/** The page as the server renders it for this browser (its cookies), before any script runs. */
async function serverHtml(page: Page): Promise<string> {
  const response = await page.context().request.get(page.url());
  return (await response.text()).replaceAll("&amp;", "&");
}

for (const zone of ["America/Los_Angeles", "Asia/Kolkata"]) {
  test.describe(`a viewer in ${zone}`, () => {
    test.use({ timezoneId: zone, viewport: { width: 1440, height: 900 } });

    test("reads every date in their zone on the inbox, workflows, the workflow editor and a contact, with no hydration mismatch", async ({ page, context }) => {
      test.setTimeout(120_000);
      const errors = watchForHydrationErrors(page);
      await signInAs(context, alex);

      // A first visit: no zone known to the server yet. The page hydrates on what the server
      // rendered, then shows the viewer's zone, and remembers it for the server.
      await page.goto(`/${workspaces.acme.id}/contacts?q=${encodeURIComponent("ada.lovelace.1@")}`);
      await page.getByRole("table").getByRole("link", { name: "Ada Lovelace" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
      await expectDatesIn(page.locator("main"), zone);
      // (The browser may name the zone its own way: Chromium says Asia/Calcutta for Asia/Kolkata.)
      const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      await expect.poll(async () => (await context.cookies()).find((cookie) => cookie.name === "parley_tz")?.value).toBe(encodeURIComponent(browserZone));
      expect(errors, "on a first visit").toEqual([]);

      // From then on the server renders in that zone too.
      await page.reload();
      const contactDates = await expectDatesIn(page.locator("main"), zone);
      expect(await serverHtml(page)).toContain(contactDates[0]);

      // The inbox: the contact's conversation, its messages' times.
      await page.locator(`main a[href*="/inbox/all/c/"]`).first().click();
      await expect(thread(page)).toBeVisible();
      const inboxDates = await expectDatesIn(thread(page), zone);
      await page.reload();
      await expectDatesIn(thread(page), zone);
      expect(await serverHtml(page)).toContain(inboxDates[0]);

      // A published workflow: the editor's header and the workflow list.
      const name = `Zones ${zone} ${Date.now()}`;
      await createWorkflow(page, workspaces.acme.id, name);
      await page.getByRole("button", { name: "Add Manual" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Add Start a Conversation" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("textbox", { name: "Message" }).fill("Hello from every time zone");
      await expectSaved(page);
      await page.getByRole("button", { name: "Publish" }).click();
      await expect(page.getByText("Published version 1.")).toBeVisible();
      await expectDatesIn(page.getByText(/^Last published/), zone);
      await page.reload();
      await expectDatesIn(page.getByText(/^Last published/), zone);

      await page.goto(`/${workspaces.acme.id}/workflows`);
      const row = page.getByRole("row").filter({ hasText: name });
      const listDates = await expectDatesIn(row, zone);
      expect(await serverHtml(page)).toContain(listDates[0]);
      await page.reload();
      await expectDatesIn(row, zone);

      expect(errors).toEqual([]);
    });
  });
}
