import { expect, test } from "@playwright/test";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { alex, workspaces } from "@/e2e/fixtures/demo-users";
import { canvasNode, createWorkflow, dragFromPalette, expectSaved } from "./builder-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const HOSTILE_HTML = `
  <h1 style="color:red">Big title</h1>
  <script>window.__pwned = true</script>
  <p><b>Bold</b> <u>underlined</u> <span style="font-size:40px">huge</span>
  <a href="javascript:window.__pwned=true">bad link</a> <a href="https://example.com/help">good link</a></p>
  <img src="x" onerror="window.__pwned = true">
  <table><tr><td>cell</td></tr></table>
  <ul><li>one</li><li>two</li></ul>`;

test("HTML pasted into the message is reduced to what the editor supports", async ({ page, context }) => {
  await signInAs(context, alex);
  await createWorkflow(page, workspaces.acme.id, `Paste ${Date.now()}`);
  await dragFromPalette(page, "Start a Conversation", { x: 250, y: 150 });
  const message = page.getByTestId("config-panel").getByRole("textbox", { name: "Message" });
  await message.click();
  await message.evaluate((element, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "fallback text");
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, HOSTILE_HTML);

  await expect(message).toContainText("Big title");
  await expect(message).toContainText("cell");
  await expectSaved(page);
  await page.reload();
  await canvasNode(page, "start_conversation").click();
  const saved = page.getByTestId("config-panel").getByRole("textbox", { name: "Message" });
  await expect(saved).toContainText("Big title");
  const html = await saved.innerHTML();
  expect(html).not.toMatch(/<h1|<script|<img|<table|<u>|<span style|javascript:|onerror/i);
  expect(html).toContain("<strong>Bold</strong>");
  expect(html).toContain('href="https://example.com/help"');
  await expect(saved.locator("ul > li")).toHaveCount(2);
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
});
