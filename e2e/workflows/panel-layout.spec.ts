import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeEach(async ({ context }) => {
  await signInAs(context, alex);
});

async function addFromPalette(page: Page, label: string) {
  await page.getByRole("button", { name: `Add ${label}` }).focus();
  await page.keyboard.press("Enter");
}

/** How far past the panel's right edge its widest descendant reaches (0 when everything fits). */
function overflowPastPanel(page: Page) {
  return page.getByTestId("config-panel").evaluate((panel) => {
    const edge = panel.getBoundingClientRect().right;
    let worst = { by: 0, what: "" };
    for (const element of panel.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const by = box.right - edge;
      if (by > worst.by) worst = { by, what: `${element.tagName.toLowerCase()}.${String(element.getAttribute("class")).slice(0, 60)}` };
    }
    const scroller = panel.querySelector<HTMLElement>("[data-panel-body]") ?? panel;
    return { ...worst, scrollsSideways: scroller.scrollWidth > scroller.clientWidth + 1 };
  });
}

test("the step panel fits its width at 1440×900 with a long Next step summary, and Fit view keeps steps clear of it", async ({ page }) => {
  await createWorkflow(page, workspaces.acme.id, `Panel layout ${Date.now()}`);
  await addFromPalette(page, "Manual");
  await addFromPalette(page, "Start a Conversation");
  const first = canvasNode(page, "start_conversation").first();
  await page.getByRole("textbox", { name: "Message" }).fill("Hi there, a quick question about your order");
  await addFromPalette(page, "Start a Conversation");
  await expect(canvasNode(page, "start_conversation")).toHaveCount(2);
  await page.getByRole("textbox", { name: "Message" }).fill("Following up with a much longer message that the preview has to wrap inside the panel");
  await expectSaved(page);

  // The first message step: its Next step select shows the second step's long summary.
  await first.click();
  const next = page.getByRole("combobox", { name: "Next step" });
  await expect(next).toContainText("Message to contact");
  await expect(page.getByTestId("config-panel").getByText("Preview", { exact: false }).first()).toBeVisible();
  const overflow = await overflowPastPanel(page);
  expect(overflow, `widest descendant: ${overflow.what}`).toMatchObject({ by: 0, scrollsSideways: false });
  // The summary is cut with an ellipsis, and readable in full on hover.
  await expect(next).toHaveAttribute("title", /^Start a Conversation · Message to contact/);

  // Fit view frames every step in the canvas left of the panel.
  await page.getByRole("button", { name: "Fit view", exact: true }).click();
  const panelLeft = (await page.getByTestId("config-panel").boundingBox())!.x;
  await expect(async () => {
    for (const node of await page.locator(".react-flow__node").all()) {
      const box = (await node.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panelLeft);
      expect(box.x).toBeGreaterThanOrEqual(0);
    }
  }).toPass();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the step panel lies within the screen and fits its width", async ({ page }) => {
    await createWorkflow(page, workspaces.acme.id, `Panel on a phone ${Date.now()}`);
    await addFromPalette(page, "Manual");
    await addFromPalette(page, "Start a Conversation");
    await page.getByRole("textbox", { name: "Message" }).fill("Hi there, a quick question about your order");
    const panel = page.getByTestId("config-panel");
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const overflow = await overflowPastPanel(page);
    expect(overflow, `widest descendant: ${overflow.what}`).toMatchObject({ by: 0, scrollsSideways: false });
    // Closing it gives the canvas back.
    await page.getByRole("button", { name: "Close panel" }).click();
    await expect(panel).toHaveCount(0);
  });
});
