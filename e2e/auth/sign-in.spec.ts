import { expect, test, type Page } from "@playwright/test";
import { alex, casey, jordan, riley, sam, workspaces } from "@/e2e/fixtures/demo-users";
import { signInAs, signInThroughForm } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";

const acmeInbox = `/${workspaces.acme.id}/inbox`;
const globexInbox = `/${workspaces.globex.id}/inbox`;

/** The form's own alert; Next's route announcer is an (empty) alert too, outside <main>. */
function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

function sidebar(page: Page) {
  return page.getByRole("complementary", { name: "Sidebar" });
}

test.describe("signed out", () => {
  test("an app page redirects to sign-in and back after signing in", async ({ page }) => {
    const workflows = `/${workspaces.acme.id}/workflows`;
    await page.goto(workflows);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(workflows)}$`));
    await expect(page.getByRole("heading", { name: "Sign in to Parley" })).toBeVisible();

    await page.getByLabel("Email").fill(alex.email);
    await page.getByLabel("Password").fill(alex.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(workflows);
    await expect(page.getByRole("heading", { level: 1, name: "Workflows" })).toBeVisible();
  });

  test("the root redirects to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a wrong password shows a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(alex.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(formAlert(page)).toHaveText("That email and password don't match an account.");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  });

  test("repeated failures are throttled", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(riley.email);
    const alert = formAlert(page);
    // Five free failures, then each one locks the account for longer (1s, 2s, 4s…).
    for (let attempt = 1; attempt <= 10; attempt++) {
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(alert).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      if (/Too many failed attempts/.test((await alert.textContent()) ?? "")) break;
    }
    await expect(alert).toHaveText(/^Too many failed attempts\. Try again in \d+ seconds?\.$/);
  });

  test("an API route answers 401 JSON without a session", async ({ request }) => {
    const response = await request.get("/api/events");
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    // The request id is the one in X-Request-Id, by which the log finds this request.
    const requestId = response.headers()["x-request-id"];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue.", requestId } });

    // Routes with their own authentication (or none) are not behind the session check.
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("sign-in refuses to send people to another site afterwards", async ({ page }) => {
    await signInThroughForm(page, alex, { callbackUrl: "https://evil.test/phish" });
    await expect(page).toHaveURL(acmeInbox);
  });

  test("the sign-in page has no serious accessibility violations", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Parley" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the sign-in page");
    // And with the error showing.
    await page.getByLabel("Email").fill(alex.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formAlert(page)).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the sign-in page with its error");
  });
});

test.describe("signed in", () => {
  test("signing in lands in the Acme inbox shell", async ({ page }) => {
    await signInThroughForm(page, alex);
    await expect(page).toHaveURL(acmeInbox);

    const nav = sidebar(page).getByRole("navigation", { name: "Main" });
    for (const name of ["Inbox", "Workflows", "Contacts", "Settings"]) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
    await expect(sidebar(page).getByRole("button", { name: /Acme.*Switch workspace/ })).toBeVisible();
    await expect(sidebar(page).getByText(alex.name)).toBeVisible();
    await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();

    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(`/${workspaces.acme.id}/settings`);
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Conversations" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage channels" })).toHaveAttribute("href", `/${workspaces.acme.id}/settings/conversations`);
    await expect(page.getByLabel("Workspace name")).toHaveValue("Acme");
    // The members list lives in Settings › Members.
    await page.getByRole("link", { name: /^Members/ }).click();
    await expect(page).toHaveURL(`/${workspaces.acme.id}/settings/members`);
    const members = page.getByRole("list", { name: "Members" });
    // Acme's four seeded people (other specs add members of their own to the shared database).
    for (const person of [alex, sam, jordan, riley]) await expect(members.locator(`[data-member="${person.email}"]`)).toContainText(person.name);
  });

  test("the workspace switcher switches to Globex", async ({ page }) => {
    await signInAs(page.context(), alex);
    await page.goto(acmeInbox);
    await sidebar(page).getByRole("button", { name: /Switch workspace/ }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: /Acme/ })).toContainText(workspaces.acme.plan);
    await expect(menu.getByRole("menuitem", { name: /Globex/ })).toContainText(workspaces.globex.plan);
    await menu.getByRole("menuitem", { name: /Globex/ }).click();

    await expect(page).toHaveURL(globexInbox);
    await expect(sidebar(page).getByRole("button", { name: /Globex.*Switch workspace/ })).toBeVisible();
  });

  test("the workspace switcher works from the keyboard", async ({ page }) => {
    await signInAs(page.context(), alex);
    await page.goto(`/${workspaces.globex.id}/contacts`);
    const trigger = sidebar(page).getByRole("button", { name: /Switch workspace/ });
    // An Enter pressed before the page hydrates is replayed by React as a click, which opens the
    // menu without moving the focus into it: press again until the keyboard opened it.
    await expect(async () => {
      if (await page.getByRole("menu").isVisible()) await page.keyboard.press("Escape");
      await trigger.focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("menuitem", { name: /Acme/ })).toBeFocused({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(acmeInbox);
  });

  test("agents see settings without the editing controls", async ({ page }) => {
    await signInAs(page.context(), jordan);
    await page.goto(`/${workspaces.acme.id}/settings`);
    await expect(page.getByText("Only workspace owners can rename the workspace.")).toBeVisible();
    await expect(page.getByLabel("Workspace name")).toHaveCount(0);
  });

  test("a workspace the user is not a member of is not found", async ({ page }) => {
    await signInAs(page.context(), casey);
    const response = await page.goto(acmeInbox);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("We couldn't find that page")).toBeVisible();

    const malformed = await page.goto("/not-a-workspace/inbox");
    expect(malformed?.status()).toBe(404);
  });

  test("signing out returns to sign-in and app pages redirect again", async ({ page }) => {
    await signInAs(page.context(), alex);
    await page.goto(acmeInbox);
    await sidebar(page).getByRole("link", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-out$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.goto(acmeInbox);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(acmeInbox)}$`));
  });

  test("the navigation collapses into a drawer on small screens", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page.context(), alex);
    await page.goto(acmeInbox);
    await expect(sidebar(page)).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Acme navigation" });
    await drawer.getByRole("link", { name: "Contacts" }).click();
    await expect(page).toHaveURL(`/${workspaces.acme.id}/contacts`);
    await expect(drawer).toBeHidden();
  });

  test("the app shell has no serious accessibility violations", async ({ page }) => {
    await signInAs(page.context(), alex);
    for (const section of ["inbox", "settings"]) {
      await page.goto(`/${workspaces.acme.id}/${section}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `the ${section} page`);
    }
    await sidebar(page).getByRole("button", { name: /Switch workspace/ }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the workspace switcher");
  });
});
