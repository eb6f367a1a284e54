import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, connect, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

test("undo and redo bring a deleted step back and take it away again", async ({ page }) => {
  await createWorkflow(page, workspaces.acme.id, `Undo ${Date.now()}`);
  await dragFromPalette(page, "Manual", { x: 250, y: 60 });
  await dragFromPalette(page, "Wait", { x: 250, y: 300 });
  const wait = canvasNode(page, "wait");
  await connect(page, canvasNode(page, "manual"), wait);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  await wait.click();
  await page.keyboard.press("Delete");
  await expect(wait).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);

  await page.keyboard.press("ControlOrMeta+z");
  await expect(wait).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(wait).toHaveCount(0);

  // The toolbar buttons do the same.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(wait).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // Undone edits are saved like any other: after a reload the step is still there.
  await expectSaved(page);
  await page.reload();
  await expect(canvasNode(page, "wait")).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
});

test("a config change is undoable too, and copy/paste duplicates the selection", async ({ page }) => {
  await createWorkflow(page, workspaces.acme.id, `Clipboard ${Date.now()}`);
  await dragFromPalette(page, "Wait", { x: 250, y: 100 });
  const amount = page.getByLabel("Wait for", { exact: true });
  await amount.fill("5");
  await expect(canvasNode(page, "wait")).toContainText("Wait 5 days");
  await canvasNode(page, "wait").click();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(canvasNode(page, "wait")).toContainText("Wait 1 day");

  // Multi-select with Ctrl/Cmd-click, copy, paste: the copies come selected, as one undo step.
  await dragFromPalette(page, "Close conversation", { x: 250, y: 350 });
  await canvasNode(page, "wait").click();
  await canvasNode(page, "close_conversation").click({ modifiers: ["ControlOrMeta"] });
  await expect(page.getByText("2 steps selected")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await page.keyboard.press("Delete");
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
});

test("the palette works from the keyboard: a clicked step lands below the selection, connected", async ({ page }) => {
  await createWorkflow(page, workspaces.acme.id, `Keyboard ${Date.now()}`);
  await page.getByRole("button", { name: "Add Manual" }).focus();
  await page.keyboard.press("Enter");
  await expect(canvasNode(page, "manual")).toHaveClass(/selected/);
  await page.getByRole("button", { name: "Add Close conversation" }).focus();
  await page.keyboard.press("Enter");
  await expect(canvasNode(page, "close_conversation")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  // Tidy up keeps the two in a column, top to bottom.
  await page.getByRole("button", { name: "Tidy up" }).click();
  const manual = await canvasNode(page, "manual").boundingBox();
  const close = await canvasNode(page, "close_conversation").boundingBox();
  expect(close!.y).toBeGreaterThan(manual!.y + manual!.height);
});

test("steps are connected and disconnected from the keyboard through the panel's Next step", async ({ page }) => {
  await createWorkflow(page, workspaces.acme.id, `Next step ${Date.now()}`);
  await page.getByRole("button", { name: "Add Manual" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Add Close conversation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // The trigger's panel: its Next step is the step the palette connected. Point it at nothing
  // from the keyboard, then connect it again.
  await canvasNode(page, "manual").click();
  const next = page.getByRole("combobox", { name: "Next step" });
  await expect(next).toContainText("Close conversation");
  const chooseWithKeyboard = async (option: RegExp) => {
    await next.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: option }).focus();
    await page.keyboard.press("Enter");
  };
  await chooseWithKeyboard(/Not connected/);
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(next).toContainText("Not connected");

  await chooseWithKeyboard(/Close conversation/);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expectSaved(page);
});
