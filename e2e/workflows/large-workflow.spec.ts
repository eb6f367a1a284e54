import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { createWorkflow, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const NODE_COUNT = 500;
const ACTIONS = ["start_conversation", "wait", "assign", "add_note"] as const;

/** A manual trigger and 499 steps in one long chain, laid out in rows like a big real workflow. */
function bigWorkflow() {
  const sender = DEMO_USERS[0].id;
  const message = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hello there" }] }] };
  const nodes = Array.from({ length: NODE_COUNT }, (_, index) => {
    const type = index === 0 ? "manual" : ACTIONS[index % ACTIONS.length]!;
    const config = type === "start_conversation" ? { message, senderUserId: sender } : type === "add_note" ? { message } : {};
    return { id: `n${index}`, type, position: { x: (index % 20) * 320, y: Math.floor(index / 20) * 180 }, config };
  });
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: `n${index}`, target: node.id, sourceHandle: "out", targetHandle: "in" }));
  return JSON.stringify({ format: "parley/workflow-steps", nodes, edges });
}

async function pasteSteps(page: Page, text: string) {
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.setData("text/plain", json);
    document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test(`a ${NODE_COUNT}-step workflow loads and responds`, async ({ page, context }) => {
  test.setTimeout(300_000);
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Large ${Date.now()}`);
  await pasteSteps(page, bigWorkflow());
  await expect(page.locator(".react-flow__node")).not.toHaveCount(0);
  await expectSaved(page);

  // Time to interactive: from the navigation until the first view is drawn and a click on the
  // trigger (sent as soon as it can be clicked) opens its panel, on the page's own clock.
  await page.addInitScript(() => {
    const marks = ((window as { __marks?: Record<string, number> }).__marks = {} as Record<string, number>);
    new MutationObserver(() => {
      if (marks.firstNode === undefined && document.querySelector(".react-flow__node")) marks.firstNode = performance.now();
      if (marks.panel === undefined && document.querySelector('[data-testid="config-panel"]')) marks.panel = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const started = Date.now();
  await page.reload();
  const trigger = page.locator(".react-flow__node-manual");
  await trigger.click();
  const panel = page.getByTestId("config-panel");
  await expect(panel.getByRole("heading", { name: "Manual" })).toBeVisible();
  const marks = await page.evaluate(() => (window as { __marks?: Record<string, number> }).__marks ?? {});
  const interactive = Date.now() - started;
  const onScreen = await page.locator(".react-flow__node").count();
  // Only what is on screen is rendered, so a big graph costs little until it is looked at whole.
  expect(onScreen).toBeLessThan(NODE_COUNT);

  const fitStarted = Date.now();
  await page.getByRole("button", { name: "Fit view", exact: true }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(NODE_COUNT, { timeout: 60_000 });
  const whole = Date.now() - fitStarted;
  console.log(
    `${NODE_COUNT}-node workflow: first nodes drawn ${Math.round(marks.firstNode ?? NaN)} ms and time to interactive (first click opens the panel) ` +
      `${Math.round(marks.panel ?? NaN)} ms after navigation (in-page clock); ${interactive} ms as the test saw it; ` +
      `${onScreen} nodes on the first screen; all ${NODE_COUNT} drawn ${whole} ms after Fit view`,
  );

  // Still responsive: delete a step from the middle and undo it.
  await page.locator(".react-flow__node").nth(NODE_COUNT / 2).click();
  await page.keyboard.press("Delete");
  await expect(page.locator(".react-flow__node")).toHaveCount(NODE_COUNT - 1);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.locator(".react-flow__node")).toHaveCount(NODE_COUNT);
});
