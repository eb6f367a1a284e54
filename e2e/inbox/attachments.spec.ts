import { expect, test, type Locator } from "@playwright/test";
import sharp from "sharp";
import { jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { contactWritesIn, conversationRow, inboxUrl, thread, uniqueText, waitForLive } from "@/e2e/inbox/helpers/inbox-page";

/** A small picture a person would send (a coloured square), made on the fly. */
async function picture(color: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: color } }).png().toBuffer();
}

/** The image really loaded (its URL answered with an image), not just an <img> tag. */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
}

test("an image sent from the chat page shows in the agent's thread, and one sent back shows on the chat page", async ({ page, context, browser }) => {
  const text = uniqueText("Here is my screenshot");
  const contact = await contactWritesIn(browser, text);
  const chat = contact.page;

  // The contact attaches a picture with the paperclip and sends it.
  await chat.locator("form input[type=file]").setInputFiles({ name: "broken-page.png", mimeType: "image/png", buffer: await picture({ r: 220, g: 40, b: 40 }) });
  await expect(chat.getByRole("list", { name: "Attached files" }).locator("[data-uploaded=true]")).toHaveCount(1);
  const caption = uniqueText("This page is broken");
  await chat.getByLabel("Your message").fill(caption);
  await chat.getByRole("button", { name: "Send" }).click();
  await expectLoaded(chat.getByRole("list", { name: "Messages" }).getByRole("img", { name: "broken-page.png" }));

  await signInAs(context, jordan);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, caption).click();
  await expectLoaded(thread(page).getByRole("img", { name: "broken-page.png" }));

  // The agent answers with a picture of their own and a few words.
  await thread(page).locator("form input[type=file]").setInputFiles({ name: "fixed-page.png", mimeType: "image/png", buffer: await picture({ r: 40, g: 160, b: 60 }) });
  await expect(thread(page).getByRole("list", { name: "Attached files" }).locator("[data-uploaded=true]")).toHaveCount(1);
  await thread(page).getByRole("textbox", { name: /Reply to/ }).fill("Fixed, see the new page");
  await thread(page).getByRole("button", { name: "Send reply" }).click();
  await expectLoaded(thread(page).getByRole("img", { name: "fixed-page.png" }));
  await expectLoaded(chat.getByRole("article", { name: "Message from Jordan Lee" }).getByRole("img", { name: "fixed-page.png" }));

  // A file that is not an image is a download link on both sides.
  await chat.locator("form input[type=file]").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("steps to reproduce") });
  await expect(chat.getByRole("list", { name: "Attached files" }).locator("[data-uploaded=true]")).toHaveCount(1);
  await chat.getByLabel("Your message").fill("and my notes");
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(thread(page).getByRole("link", { name: /notes\.txt/ })).toBeVisible();
  await expect(chat.getByRole("link", { name: /notes\.txt/ })).toHaveAttribute("download", "notes.txt");

  await expectNoSeriousA11yViolations(page, "thread with attachments");
  await expectNoSeriousA11yViolations(chat, "chat with attachments");
  await contact.context.close();
});

test("typing shows both ways, and the agent sees 'Seen' once the chat page has shown the reply", async ({ page, context, browser }) => {
  const text = uniqueText("Anyone there?");
  const contact = await contactWritesIn(browser, text);
  const chat = contact.page;
  await signInAs(context, jordan);
  await page.goto(inboxUrl("unassigned"));
  await conversationRow(page, text).click();
  await waitForLive(page);

  // The very first key each side presses is shown on the other: one key, no retry. The thread is
  // on screen first ("is typing…" lasts 6 seconds, and a loaded machine can take longer than that
  // to render the thread the agent clicked); an event that arrives while it is still loading is
  // kept by the tab's live stream and shown when it mounts.
  const agentBox = thread(page).getByRole("textbox", { name: /Reply to/ });
  await expect(agentBox).toBeVisible();
  const contactBox = chat.getByLabel("Your message");
  await contactBox.press("a");
  await expect(thread(page).getByText(/is typing…/)).toBeVisible();

  await agentBox.fill("Hello, I am here.");
  await expect(chat.getByText("Jordan Lee is typing…")).toBeVisible();
  await thread(page).getByRole("button", { name: "Send reply" }).click();
  await expect(chat.getByRole("article", { name: "Message from Jordan Lee" })).toContainText("Hello, I am here.");
  await expect(chat.getByText("Jordan Lee is typing…")).toHaveCount(0);
  await expect(thread(page).locator("[data-seen=true]")).toHaveText("Seen");
  await contact.context.close();
});
