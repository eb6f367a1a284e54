import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { appDb } from "@/e2e/inbox/helpers/server-data";
import { canvasNode, createWorkflow, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1440, height: 900 } });

const PLACEHOLDER = "Write a message… type {{ for a variable";

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

async function messageStep(page: Page, name: string) {
  await createWorkflow(page, workspaces.acme.id, name);
  await page.getByRole("button", { name: "Add Manual" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Add Start a Conversation" }).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("config-panel");
  return { panel, message: panel.getByRole("textbox", { name: "Message" }), placeholder: panel.locator("span", { hasText: PLACEHOLDER }) };
}

/** The message of the draft's Start a Conversation step as saved, written back as a template. */
async function savedMessage(workflowId: string): Promise<string> {
  const { serializePlainText } = await import("@/lib/rich-text/plain-text-serializer");
  const { formatVariable } = await import("@/lib/rich-text/variable-syntax");
  const db = await appDb();
  const rows = await db.execute<{ draft_graph: { nodes: { type: string; config: { message: Parameters<typeof serializePlainText>[0] } }[] } }>(
    sql`SELECT draft_graph FROM workflows WHERE id = ${workflowId}`,
  );
  const step = rows.rows[0]!.draft_graph.nodes.find((node) => node.type === "start_conversation")!;
  return serializePlainText(step.config.message, formatVariable);
}

test("a variable picked from the {{ list is followed by exactly what is typed next", async ({ page }) => {
  const { panel, message } = await messageStep(page, `Variable spacing ${Date.now()}`);
  await message.click();
  await page.keyboard.type("Hi ");
  await page.keyboard.type("{{");
  await page.keyboard.type("first");
  await expect(page.getByRole("listbox", { name: "Variables" }).getByRole("option", { selected: true })).toContainText("First name");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox", { name: "Variables" })).toHaveCount(0);
  await page.keyboard.type(", just checking in");
  await expectSaved(page);

  const workflowId = page.url().split("/").at(-1)!;
  expect(await savedMessage(workflowId)).toBe("Hi {{first_name}}, just checking in");
  // What a contact gets: no space before the comma.
  const preview = panel.getByRole("region", { name: /^Preview/ });
  await expect(preview).toContainText(/Hi \S+, just checking in/);
  await expect(preview).not.toContainText(/\s,/);
});

test("the message's placeholder shows only while it is empty: not over text after reselecting the step or reloading", async ({ page }) => {
  const { message, placeholder } = await messageStep(page, `Placeholder ${Date.now()}`);
  await expect(placeholder).toBeVisible();
  await message.click();
  await page.keyboard.type("Hello world");
  await expect(placeholder).toHaveCount(0);
  await expectSaved(page);

  // Another step, then this one again: its panel is drawn anew with the message in it.
  await canvasNode(page, "manual").click();
  await expect(page.getByTestId("config-panel").getByRole("heading", { name: "Manual" })).toBeVisible();
  await canvasNode(page, "start_conversation").click();
  await expect(message).toHaveText("Hello world");
  await expect(placeholder).toHaveCount(0);

  await page.reload();
  await canvasNode(page, "start_conversation").click();
  await expect(message).toHaveText("Hello world");
  await expect(placeholder).toHaveCount(0);

  // Emptied again, it shows again.
  await message.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await expect(placeholder).toBeVisible();
});
