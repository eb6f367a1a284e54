import { expect, test, type Browser, type Page } from "@playwright/test";
import { alex, jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { choose, connect, createWorkflow, dragFromPalette, canvasNode, expectSaved } from "@/e2e/workflows/builder-helpers";
import { ACME, conversationList, conversationRow, thread, uniqueText, viewLink, waitForLive } from "./helpers/inbox-page";
import { closeAppDb } from "./helpers/server-data";
import {
  JORDAN_ID,
  countWorkflowConversations,
  publishWorkflowGraph,
  runWorkflowOn,
  textDocument,
  freshContact,
  waitForConversation,
} from "./helpers/workflows";

// PRODUCT.md section 6 end to end: the re-engagement workflow is built and published in the
// builder UI (drag, connect, fill the panel, publish), then everything else happens in browsers
// too: the contact's chat and the agent's inbox. The variants, which are about what a live
// workflow does rather than the canvas, publish through the builder's server-side services.

test.afterAll(closeAppDb);

/** The contact opens the chat the way the app's "Open chat as this contact" link does, in a browser of their own. */
async function openChatAs(browser: Browser, page: Page, contactId: string) {
  await page.goto(`/${ACME}/contacts/${contactId}`);
  const href = await page.getByRole("link", { name: /Open chat as this contact/ }).first().getAttribute("href");
  const context = await browser.newContext();
  const chat = await context.newPage();
  await chat.goto(href!);
  await waitForLive(chat);
  return { context, chat };
}

/** Builds the re-engagement workflow on the canvas and publishes it; returns its id. */
async function buildAndPublishInBuilder(page: Page, name: string): Promise<string> {
  await createWorkflow(page, ACME, name);
  const workflowId = new URL(page.url()).pathname.split("/").at(-1)!;
  await dragFromPalette(page, "Audience Matched", { x: 300, y: 60 });
  const trigger = canvasNode(page, "audience_matched");
  await choose(page, "Last conversation", "No conversation opened in the last… (or never)");
  await expect(page.getByLabel("Days")).toHaveValue("30");

  await dragFromPalette(page, "Start a Conversation", { x: 300, y: 250 });
  const start = canvasNode(page, "start_conversation");
  const panel = page.getByTestId("config-panel");
  await panel.getByLabel("Direction").getByLabel("To Contact").check();
  await panel.getByLabel("Only after reply").check();
  await panel.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Hi ");
  await panel.getByRole("button", { name: "Insert variable" }).click();
  await page.getByRole("menuitem", { name: /First name/ }).click();
  await page.keyboard.type(", just checking in — is there anything we can help you with?");
  await choose(page, "Sender", "Jordan Lee");
  await connect(page, trigger, start);

  await dragFromPalette(page, "Branch on Conversation started", { x: 300, y: 450 });
  const branch = canvasNode(page, "branch_conversation_started");
  await connect(page, start, branch);
  await dragFromPalette(page, "Assign", { x: 180, y: 660 });
  const assign = canvasNode(page, "assign");
  await choose(page, "Assignee", "Support");
  await connect(page, branch, assign, "started");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  await expectSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  return workflowId;
}

test("re-engagement: campaigns stay out of the inbox; one reply lands there under Started by workflows, assigned to Support, live both ways", async ({ page, context, browser }) => {
  test.setTimeout(180_000);
  const contact = await freshContact(ACME, "Quinn", uniqueText("Returning").replace(/\s+/g, "-"));
  const name = uniqueText("Re-engagement");
  await signInAs(context, jordan);
  await page.goto(`/${ACME}/inbox/workflows`);
  const startedBefore = (await viewLink(page, "Started by workflows").textContent())!;

  // The builder (an owner) in a browser of their own, with room for the palette, canvas and panel.
  const builderContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await signInAs(builderContext, alex);
  const workflowId = await buildAndPublishInBuilder(await builderContext.newPage(), name);
  await builderContext.close();

  // The audience is messaged quietly: campaigns exist, and none is in any inbox view.
  const campaign = await waitForConversation(workflowId, contact.id);
  expect(campaign.state).toBe("campaign");
  const sent = await countWorkflowConversations(workflowId);
  expect(sent.total).toBeGreaterThan(10);
  expect(sent.opened).toBe(0);
  await page.goto(`/${ACME}/inbox?origin=workflow&workflowId=${workflowId}`);
  await expect(page.getByRole("heading", { name: "No conversations" })).toBeVisible();
  await page.goto(`/${ACME}/inbox/all`);
  await expect(conversationList(page).getByText(`Workflow: ${name}`)).toHaveCount(0);
  await page.goto(`/${ACME}/inbox/workflows`);
  await expect(viewLink(page, "Started by workflows")).toHaveText(startedBefore);
  await expect(conversationList(page).getByText(`Workflow: ${name}`)).toHaveCount(0);

  // Open the chat as the contact (separate browser), while the agent watches Started by workflows.
  const agentInbox = await context.newPage();
  const { context: contactContext, chat } = await openChatAs(browser, page, contact.id);
  await agentInbox.goto(`/${ACME}/inbox/workflows`);
  await waitForLive(agentInbox);

  const greeting = chat.getByRole("article", { name: "Message from Jordan Lee" });
  await expect(greeting).toContainText(`Hi ${contact.firstName}, just checking in — is there anything we can help you with?`);
  const reply = uniqueText("Actually yes, my invoices are wrong");
  await chat.getByLabel("Your message").fill(reply);
  await chat.getByLabel("Your message").press("Enter");
  await expect(chat.getByRole("list", { name: "Messages" })).toContainText(reply);

  // Without a reload: exactly that conversation, assigned to Support, under Started by workflows.
  const ours = conversationList(agentInbox).getByRole("link").filter({ hasText: `Workflow: ${name}` });
  await expect(ours).toHaveCount(1, { timeout: 15_000 });
  await expect(ours).toContainText(`${contact.firstName} ${contact.lastName}`);
  await expect(ours).toContainText(reply);
  await expect(ours).toContainText("Support", { timeout: 15_000 });
  expect((await countWorkflowConversations(workflowId)).opened).toBe(1);

  await ours.click();
  const t = thread(agentInbox);
  await expect(t.getByTestId("thread-origin")).toHaveText(`Started by workflow ${name} · node Start a Conversation`);
  const answer = uniqueText("Sorry about that — fixing them now");
  await t.getByRole("textbox", { name: /Reply to/ }).fill(answer);
  await t.getByRole("button", { name: "Send reply" }).click();
  await expect(chat.getByRole("article", { name: "Message from Jordan Lee" }).last()).toContainText(answer, { timeout: 10_000 });
  await contactContext.close();
});

test("variants: Immediately opens before any reply; a Note is never shown on the chat page", async ({ page, context, browser }) => {
  await signInAs(context, jordan);
  const manual = (id: string) => ({ id, type: "manual", position: { x: 0, y: 0 }, config: {} });
  const edge = { id: "e1", source: "trigger", target: "start", sourceHandle: null, targetHandle: null };

  // Immediately: in the inbox at once, no reply needed.
  const immediate = await freshContact(ACME, "Imogen", uniqueText("Immediate").replace(/\s+/g, "-"));
  const immediateName = uniqueText("Immediate outreach");
  const immediateId = await publishWorkflowGraph(ACME, immediateName, {
    nodes: [manual("trigger"), { id: "start", type: "start_conversation", position: { x: 0, y: 150 }, config: { message: await textDocument("Your order shipped today."), senderUserId: JORDAN_ID, openMode: "immediately" } }],
    edges: [edge],
  });
  await runWorkflowOn(ACME, immediateId, [immediate.id]);
  await waitForConversation(immediateId, immediate.id);
  await page.goto(`/${ACME}/inbox?origin=workflow&workflowId=${immediateId}`);
  await expect(conversationRow(page, `${immediate.firstName} ${immediate.lastName}`)).toContainText("Your order shipped today.", { timeout: 15_000 });

  // A Note: internal only. The contact's chat never shows it, even after they write in.
  const noted = await freshContact(ACME, "Nora", uniqueText("Noted").replace(/\s+/g, "-"));
  const noteText = uniqueText("Internal: offer this contact a discount");
  const noteId = await publishWorkflowGraph(ACME, uniqueText("Note outreach"), {
    nodes: [manual("trigger"), { id: "start", type: "start_conversation", position: { x: 0, y: 150 }, config: { message: await textDocument(noteText), startWith: "note", senderUserId: JORDAN_ID } }],
    edges: [edge],
  });
  await runWorkflowOn(ACME, noteId, [noted.id]);
  await waitForConversation(noteId, noted.id);
  const { context: contactContext, chat } = await openChatAs(browser, page, noted.id);
  const messages = chat.getByRole("list", { name: "Messages" });
  await expect(messages).not.toContainText("discount");
  await chat.getByLabel("Your message").fill("Hello, I have a question");
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(messages).toContainText("Hello, I have a question");
  await chat.reload();
  await expect(messages).toContainText("Hello, I have a question");
  await expect(messages).not.toContainText("discount");
  // The agent does see it, as a note.
  await page.goto(`/${ACME}/inbox?origin=workflow&workflowId=${noteId}`);
  await conversationRow(page, `${noted.firstName} ${noted.lastName}`).click();
  await expect(thread(page).getByRole("article", { name: /^Note from/ })).toContainText(noteText);
  await contactContext.close();
});
