import { expect, type Locator, type Page } from "@playwright/test";

/** The editor's canvas pane, where palette items are dropped. */
export function canvas(page: Page): Locator {
  return page.getByTestId("workflow-canvas");
}

export function canvasNode(page: Page, type: string): Locator {
  return page.locator(`.react-flow__node-${type}`);
}

/** Drags a palette item onto the canvas (HTML5 drag and drop, like a person with a mouse). */
export async function dragFromPalette(page: Page, label: string, at: { x: number; y: number }) {
  await page.getByRole("button", { name: `Add ${label}` }).dragTo(canvas(page), { targetPosition: at });
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one node's output handle to another node's input handle with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator, output = "out") {
  const source = from.locator(`.react-flow__handle.source[data-handleid="${output}"]`);
  const target = to.locator(".react-flow__handle.target");
  const start = await centerOf(source);
  const end = await centerOf(target);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Opens a Radix select by its label and picks an option by its visible name ("Support" is the team itself, not "Support (round robin)"). */
export async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  const options = page.getByRole("option", { name: option });
  await (typeof option === "string" && !option.includes("(round robin)") ? options.filter({ hasNotText: "(round robin)" }) : options).click();
}

export async function expectSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 20_000 });
}

export async function createWorkflow(page: Page, workspaceId: string, name: string) {
  await page.goto(`/${workspaceId}/workflows`);
  // A click that lands before hydration does nothing; try again until the dialog opens.
  await expect(async () => {
    await page.getByRole("button", { name: "New workflow" }).first().click();
    await expect(page.getByRole("dialog", { name: "New workflow" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.getByRole("dialog", { name: "New workflow" }).getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}
