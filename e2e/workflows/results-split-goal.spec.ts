import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { waitForLive } from "@/e2e/inbox/helpers/inbox-page";
import { canvasNode, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const ACME = workspaces.acme.id;

async function createContact(page: Page, lastName: string, email: string): Promise<string> {
  await page.goto(`/${ACME}/contacts/new`);
  await page.getByLabel("First name").fill("Split");
  await page.getByLabel("Last name").fill(lastName);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Split ${lastName}` })).toBeVisible();
  return page.url();
}

/** Types a Start a Conversation step's message in the open config panel. */
async function writeMessage(page: Page, text: string) {
  await page.getByTestId("config-panel").getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type(text);
}

// Issue 16 point 8: a workflow with a Split and a goal, built and published in the builder; two
// contacts reply on the chat page; the Results tab reads the funnel per path with the goal, the
// chart and the recipients table, and exports the CSV. Which path each contact takes is fixed by
// a hash of the workflow and the contact, so the test reads each path's counts and checks they
// add up, and that on every path each contact reached replied and met the goal.
test("a Split and a goal: the funnel per path with goals met, the chart, the recipients and their CSV", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signInAs(context, alex);
  const tag = Date.now().toString(36);
  const contacts = [
    { last: `Ada ${tag}`, url: await createContact(page, `Ada ${tag}`, `split.ada.${tag}@example.com`) },
    { last: `Bo ${tag}`, url: await createContact(page, `Bo ${tag}`, `split.bo.${tag}@example.com`) },
  ];

  await createWorkflow(page, ACME, `Split results ${tag}`);
  const builderUrl = page.url();
  await dragFromPalette(page, "Manual", { x: 250, y: 40 });
  await dragFromPalette(page, "Split", { x: 250, y: 220 });
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 420 });
  await writeMessage(page, `Variant A ${tag}`);
  await dragFromPalette(page, "Start a Conversation", { x: 620, y: 420 });
  await writeMessage(page, `Variant B ${tag}`);
  const starts = canvasNode(page, "start_conversation");
  await connect(page, canvasNode(page, "manual"), canvasNode(page, "split"));
  await connect(page, canvasNode(page, "split"), starts.nth(0), "path_a");
  await connect(page, canvasNode(page, "split"), starts.nth(1), "path_b");
  await expectSaved(page);
  await page.getByRole("button", { name: "Goal", exact: true }).click();
  const goal = page.getByRole("dialog", { name: "Workflow goal" });
  await goal.getByLabel("The contact replies").check();
  await goal.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByRole("button", { name: "Goal: the contact replies" })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();

  for (const contact of contacts) {
    await page.getByRole("button", { name: "Run on contact…" }).click();
    const dialog = page.getByRole("dialog", { name: "Run on contact" });
    await dialog.getByLabel("Find a contact").fill(contact.last);
    await dialog.getByRole("radiogroup", { name: "Contact" }).getByRole("radio", { name: new RegExp(contact.last) }).click();
    await dialog.getByLabel("Live version").check();
    await dialog.getByRole("button", { name: "Run", exact: true }).click();
    // The dialog keeps the last run's log until this one's replaces it.
    await expect(dialog.getByTestId("step-log")).toContainText(new RegExp(`Split ${contact.last}\\s*completed`), { timeout: 60_000 });
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }

  // Each contact answers on their chat page (whichever variant they were sent).
  for (const contact of contacts) {
    await page.goto(contact.url);
    const [chat] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Open chat as this contact/ }).first().click()]);
    const messages = chat.getByRole("list", { name: "Messages" });
    await expect(messages).toContainText(new RegExp(`Variant [AB] ${tag}`));
    await waitForLive(chat);
    await chat.getByLabel("Your message").fill("Count me in");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect(messages).toContainText("Count me in");
    await chat.close();
  }

  await page.goto(`${builderUrl}/results`);
  await expect(page.getByRole("heading", { level: 2, name: "Split: per path" })).toBeVisible();
  // Per path: everyone it reached replied and met the goal; the two paths hold the two contacts.
  const stage = async (table: string, name: string) =>
    Number((await page.getByRole("table", { name: table }).getByRole("row", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")} `) }).getByRole("cell").first().innerText()).trim());
  let reached = 0;
  for (const path of ["Path A · 50%", "Path B · 50%"]) {
    const table = `Funnel of Split, ${path}`;
    const entered = await stage(table, "Entered");
    expect(await stage(table, "Started (replied)")).toBe(entered);
    expect(await stage(table, "Goal met")).toBe(entered);
    reached += entered;
  }
  expect(reached).toBe(2);
  // The chart has its goals bars beside sends and replies.
  const chart = page.getByRole("img", { name: /Sends, replies and goals met per day/ });
  await expect(chart.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect(page.getByText("2 sends, 2 replies and 2 goals met in this period.")).toBeAttached();

  const recipients = page.getByRole("table", { name: "Recipients, newest first" });
  for (const contact of contacts) await expect(recipients.getByRole("row").filter({ hasText: `Split ${contact.last}` })).toContainText("Replied");
  await expectNoSeriousA11yViolations(page, "workflow results with a split and a goal");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const lines = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  for (const contact of contacts) expect(lines.find((line) => line.includes(`Split ${contact.last}`))).toMatch(/,Start a Conversation [12],replied,/);
});
