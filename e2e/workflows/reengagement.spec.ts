import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvas, canvasNode, choose, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

// Room for the sidebar, palette, canvas and config panel side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

// PRODUCT.md section 6, built the way a builder does it: drag, connect, fill the panel, publish.
test("builds, publishes and reloads the re-engagement campaign", async ({ page, context }) => {
  await signInAs(context, alex);
  const name = `Re-engagement ${Date.now()}`;
  await createWorkflow(page, workspaces.acme.id, name);

  // Trigger: Audience Matched, no conversation opened in 30 days, with its live count.
  await dragFromPalette(page, "Audience Matched", { x: 300, y: 60 });
  const trigger = canvasNode(page, "audience_matched");
  await expect(trigger).toBeVisible();
  await choose(page, "Last conversation", "No conversation opened in the last… (or never)");
  await expect(page.getByLabel("Days")).toHaveValue("30");
  await expect(page.getByTestId("audience-preview")).toContainText(/\d+ contacts? match/);
  await expect(trigger).toContainText("no conversation opened in 30 days");

  // Start a Conversation, filled through its labels.
  await dragFromPalette(page, "Start a Conversation", { x: 300, y: 250 });
  const start = canvasNode(page, "start_conversation");
  await expect(start).toBeVisible();
  const panel = page.getByTestId("config-panel");
  await expect(panel.getByRole("heading", { name: "Start a Conversation" })).toBeVisible();
  await expect(panel.getByRole("radiogroup", { name: "Direction" })).toBeVisible();
  await expect(panel.getByLabel("To Contact")).toBeChecked();
  await expect(panel.getByRole("radiogroup", { name: "Start with" })).toBeVisible();
  await expect(panel.getByRole("radio", { name: "Message" })).toBeChecked();
  await expect(panel.getByRole("radiogroup", { name: "Open a conversation" })).toBeVisible();
  await expect(panel.getByLabel("Only after reply")).toBeChecked();
  await expect(panel.getByText("Recommended")).toBeVisible();
  await expect(panel.getByLabel("Sender")).toContainText("Alex Morgan");
  await expect(panel.getByLabel("Assignee")).toContainText("Unassigned");
  await expect(panel.getByLabel("Channel", { exact: true })).toContainText("Default chat channel");
  await expect(panel.getByLabel("Customer destination")).toHaveValue("");
  await expect(panel.getByLabel("Customer identifier")).toHaveValue("");
  await expect(panel.getByLabel("Create conversation in integrated 3rd party systems")).toBeChecked();

  await panel.getByLabel("Direction").getByLabel("To Contact").check();
  await panel.getByLabel("Only after reply").check();
  // Clicking the visible label focuses the editor.
  await panel.locator('label[id$="-message-label"]').click();
  const message = panel.getByRole("textbox", { name: "Message" });
  await expect(message).toBeFocused();
  await page.keyboard.type("Hi ");
  await panel.getByRole("button", { name: "Insert variable" }).click();
  await page.getByRole("menuitem", { name: /First name/ }).click();
  await expect(message.getByRole("button", { name: /Variable First name/ })).toBeVisible();
  await page.keyboard.type(", just checking in — is there anything we can help you with?");
  await choose(page, "Sender", "Jordan Lee");
  await expect(panel.getByLabel("Sender")).toContainText("Jordan Lee");
  // The live preview renders for a real contact on the server.
  await expect(panel.getByRole("region", { name: /Preview/ })).toContainText("just checking in");

  await connect(page, trigger, start);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // Branch on Conversation started, Started → Assign to Support.
  await dragFromPalette(page, "Branch on Conversation started", { x: 300, y: 450 });
  const branch = canvasNode(page, "branch_conversation_started");
  await expect(branch).toContainText("Started");
  await expect(branch).toContainText("Not started");
  await connect(page, start, branch);

  await dragFromPalette(page, "Assign", { x: 180, y: 660 });
  const assign = canvasNode(page, "assign");
  await choose(page, "Assignee", "Support");
  await connect(page, branch, assign, "started");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge").filter({ hasText: "Started" })).toHaveCount(1);
  await expect(assign).toContainText("Assign to Support");

  await expectSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Reload: everything is still there, from the server.
  await page.reload();
  await expect(canvasNode(page, "audience_matched")).toContainText("no conversation opened in 30 days");
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await canvasNode(page, "start_conversation").click();
  const reloaded = page.getByTestId("config-panel");
  const chip = reloaded.getByRole("textbox", { name: "Message" }).getByRole("button", { name: /Variable First name/ });
  await expect(chip).toBeVisible();
  await expect(reloaded.getByRole("textbox", { name: "Message" })).toContainText("just checking in — is there anything we can help you with?");
  await expect(reloaded.getByLabel("Only after reply")).toBeChecked();
  await expect(reloaded.getByLabel("Sender")).toContainText("Jordan Lee");
  await canvasNode(page, "assign").click();
  await expect(page.getByTestId("config-panel").getByLabel("Assignee")).toContainText("Support");
  await expect(canvas(page)).toBeVisible();

  // And the list shows it live, with its trigger.
  await page.goto(`/${workspaces.acme.id}/workflows`);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Live");
  await expect(row).toContainText("Audience Matched");
});
