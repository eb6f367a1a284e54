import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { appDb } from "@/e2e/inbox/helpers/server-data";
import { ALEX_ID, freshContact, publishWorkflowGraph, runWorkflowOn, textDocument } from "@/e2e/inbox/helpers/workflows";
import { canvasNode, expectSaved } from "./builder-helpers";

const ACME = workspaces.acme.id;

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

/** Manual → Start a Conversation saying "Hi {{first_name}}" (no fallback): a contact without a first name fails there. */
async function publishGreeting(name: string): Promise<string> {
  return publishWorkflowGraph(ACME, name, {
    nodes: [
      { id: "t", type: "manual", position: { x: 0, y: 0 }, config: {} },
      { id: "s", type: "start_conversation", position: { x: 0, y: 220 }, config: { message: await textDocument("Hi {{first_name}}"), senderUserId: ALEX_ID } },
    ],
    edges: [{ id: "t-s", source: "t", target: "s", sourceHandle: null }],
  });
}

/** Contacts known by email only (as an import may create them): "Hi {{first_name}}" cannot be sent to them. */
async function namelessContacts(count: number): Promise<string[]> {
  const db = await appDb();
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const rows = await db.execute<{ id: string }>(sql`
    INSERT INTO contacts (workspace_id, external_id, email)
    SELECT ${ACME}, ${`e2e-${tag}-`} || g, ${`nameless-${tag}-`} || g || '@example.net' FROM generate_series(1, ${count}) g
    RETURNING id`);
  return rows.rows.map((row) => row.id);
}

test("step counts follow runs live, and a step's error count opens its failed runs, a page at a time", async ({ page }) => {
  test.setTimeout(120_000);
  const workflowId = await publishGreeting(`Run history ${Date.now()}`);
  await page.goto(`/${ACME}/workflows/${workflowId}`);
  const start = canvasNode(page, "start_conversation");
  await expect(start).toBeVisible();
  await expect(start).not.toContainText("Errors");

  // Runs started elsewhere while the editor is open: the counts arrive without a reload.
  const failing = await namelessContacts(23);
  const named = [await freshContact(ACME, "Nora", "Named"), await freshContact(ACME, "Omar", "Named")];
  await runWorkflowOn(ACME, workflowId, [...failing, ...named.map((contact) => contact.id)]);
  const errors = start.getByRole("button", { name: "23 errors: show the failed runs at this step" });
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(canvasNode(page, "manual")).toContainText("Entered25");

  // The error count leads to the runs behind it: failed, at this step, 20 to a page.
  await errors.click();
  const dialog = page.getByRole("dialog", { name: "Run history" });
  await expect(dialog.getByLabel("Status")).toContainText("Failed");
  await expect(dialog.getByLabel("Step")).toContainText("Start a Conversation");
  const runs = dialog.getByRole("list", { name: "Runs" }).getByRole("listitem");
  await expect(runs).toHaveCount(20);
  await expect(runs.filter({ hasText: "failed" })).toHaveCount(20);
  await dialog.getByRole("button", { name: "Load more runs" }).click();
  await expect(runs).toHaveCount(23);
  await expect(dialog.getByRole("button", { name: "Load more runs" })).toBeHidden();
  await expect(runs.filter({ hasText: "Nora Named" })).toHaveCount(0);

  // Each one is traceable to its contact and its reason.
  await runs.filter({ hasText: "nameless-" }).first().click();
  const log = dialog.getByTestId("step-log");
  await expect(log).toContainText("nameless-");
  await expect(log.getByRole("listitem").filter({ hasText: "Start a Conversation" })).toContainText("first_name");
  await dialog.getByRole("button", { name: "Back to the list" }).click();

  // Any status: the completed runs are there too.
  await dialog.getByLabel("Status").click();
  await page.getByRole("option", { name: "Completed" }).click();
  await expect(runs).toHaveCount(2);
  await expect(runs.filter({ hasText: "Nora Named" })).toHaveCount(1);
});

test("an autosave is not held back by a node-count read still under way", async ({ page }) => {
  const workflowId = await publishGreeting(`Slow counts ${Date.now()}`);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const heldReads: string[] = [];
  // The count read hangs until the end of the test, as a slow one on a large workflow would.
  await page.route("**/node-counts", async (route) => {
    heldReads.push(route.request().method());
    await released;
    await route.continue().catch(() => {});
  });
  const actionPosts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) actionPosts.push(request.url());
  });

  await page.goto(`/${ACME}/workflows/${workflowId}`);
  await expect.poll(() => heldReads).toEqual(["GET"]);
  // Loading the editor read everything through GET routes: no server action has been called.
  expect(actionPosts).toEqual([]);

  await canvasNode(page, "start_conversation").click();
  const panel = page.getByTestId("config-panel");
  await panel.getByLabel("Immediately").check();
  await expect(page.getByTestId("save-status")).toHaveText("Saving…");
  await expectSaved(page);
  const db = await appDb();
  const saved = await db.execute<{ open_mode: string }>(sql`
    SELECT n->'config'->>'openMode' AS open_mode FROM workflows, jsonb_array_elements(draft_graph->'nodes') n
    WHERE id = ${workflowId} AND n->>'id' = 's'`);
  expect(saved.rows[0]?.open_mode).toBe("immediately");
  // The count read is still hanging: the save did not wait behind it.
  expect(heldReads).toEqual(["GET"]);
  release();
});
