import { expect, test, type Page } from "@playwright/test";
import { alex, jordan } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { choose, connect, createWorkflow, dragFromPalette, canvasNode, expectSaved } from "@/e2e/workflows/builder-helpers";
import { ACME, conversationList, thread, uniqueText, viewLink, waitForLive } from "./helpers/inbox-page";
import { closeAppDb } from "./helpers/server-data";
import { countWorkflowConversations, freshContact, waitForConversation } from "./helpers/workflows";

// PRODUCT.md section 6 on an email channel: the channel is added in Settings, the workflow is
// built with a Subject and published in the builder; the Email sandbox plays the contacts' mailboxes.

test.afterAll(closeAppDb);

async function addEmailChannel(page: Page, name: string) {
  await page.goto(`/${ACME}/settings/channels/new-email`);
  await page.getByLabel("Channel name").fill(name);
  await page.getByLabel("From address").fill("support@acme.example");
  // A reply domain belongs to one channel on the install: each run's channel gets its own.
  await page.getByLabel("Reply domain").fill(`reply-${Date.now().toString(36)}.acme.example`);
  await page.getByRole("radio", { name: /^Email sandbox/ }).click();
  // The audience is every Acme contact the suite has made so far (about 160 by this spec in a full
  // run): at the default 10 a second the fresh contact's email, sent last, would come after the wait.
  await page.getByLabel("Send rate (emails per second)").fill("200");
  await page.getByRole("button", { name: "Create email channel" }).click();
  await expect(page.getByTestId("revealed-secret")).toBeVisible();
}

async function buildAndPublish(page: Page, name: string, channelName: string): Promise<string> {
  await createWorkflow(page, ACME, name);
  const workflowId = new URL(page.url()).pathname.split("/").at(-1)!;
  await dragFromPalette(page, "Audience Matched", { x: 300, y: 60 });
  const trigger = canvasNode(page, "audience_matched");
  await choose(page, "Last conversation", "No conversation opened in the last… (or never)");

  await dragFromPalette(page, "Start a Conversation", { x: 300, y: 250 });
  const start = canvasNode(page, "start_conversation");
  const panel = page.getByTestId("config-panel");
  // The Subject belongs to email channels: it appears once the channel is one.
  await expect(panel.getByLabel("Subject", { exact: true })).toHaveCount(0);
  await choose(page, "Channel", new RegExp(channelName));
  await panel.getByLabel("Subject", { exact: true }).fill('Checking in, {{first_name | fallback: "there"}}');
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
  await choose(page, "Assignee", "Support");
  await connect(page, branch, canvasNode(page, "assign"), "started");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  await expectSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  return workflowId;
}

test("re-engagement by email: personalised emails in the sandbox, nothing in the inbox; one emailed reply lands under Started by workflows, assigned to Support; the agent's answer is emailed in the thread", async ({ page, context, browser }) => {
  test.setTimeout(240_000);
  const contact = await freshContact(ACME, "Quinn", uniqueText("Emailed").replace(/\s+/g, "-"));
  const channelName = uniqueText("Email channel").replace(/\s+/g, "-");
  const name = uniqueText("Email re-engagement");

  const builderContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await signInAs(builderContext, alex);
  const builder = await builderContext.newPage();
  await addEmailChannel(builder, channelName);
  const workflowId = await buildAndPublish(builder, name, channelName);
  await builderContext.close();

  const campaign = await waitForConversation(workflowId, contact.id);
  expect(campaign.state).toBe("campaign");
  expect((await countWorkflowConversations(workflowId)).opened).toBe(0);

  await signInAs(context, jordan);
  await page.goto(`/${ACME}/inbox?origin=workflow&workflowId=${workflowId}`);
  await expect(page.getByRole("heading", { name: "No conversations" })).toBeVisible();

  // The contact's mailbox: the email with its subject, personalised, signed by the Sender.
  const sandbox = await context.newPage();
  await sandbox.goto(`/${ACME}/settings/email-sandbox?to=${encodeURIComponent(contact.email)}`);
  const email = sandbox.getByRole("listitem").filter({ has: sandbox.getByRole("heading", { name: new RegExp(`^Checking in, ${contact.firstName}`) }) });
  await expect(email).toHaveCount(1, { timeout: 30_000 });
  const body = email.getByRole("document", { name: `Email: Checking in, ${contact.firstName}` });
  await expect(body).toContainText(`Hi ${contact.firstName}, just checking in — is there anything we can help you with?`);
  await expect(body).toContainText("Jordan Lee");

  const agentInbox = await context.newPage();
  await agentInbox.goto(`/${ACME}/inbox/workflows`);
  await waitForLive(agentInbox);
  const reply = uniqueText("Actually yes, my invoices are wrong");
  await email.getByRole("textbox", { name: `Reply as ${contact.email}` }).fill(reply);
  await email.getByRole("button", { name: "Send reply" }).click();
  await expect(email.getByText("Reply sent to Parley.")).toBeVisible();

  const ours = conversationList(agentInbox).getByRole("link").filter({ hasText: `Workflow: ${name}` });
  await expect(ours).toHaveCount(1, { timeout: 15_000 });
  await expect(ours).toContainText(reply);
  await expect(ours).toContainText("Support", { timeout: 15_000 });
  await expect(viewLink(agentInbox, "Started by workflows")).toBeVisible();
  expect((await countWorkflowConversations(workflowId)).opened).toBe(1);

  // The email's subject shows on the row and in the thread's header.
  await expect(ours.getByTestId("row-subject")).toHaveText(`Subject: Checking in, ${contact.firstName}`);
  await ours.click();
  const t = thread(agentInbox);
  await expect(t.getByTestId("thread-subject")).toHaveText(`Subject: Checking in, ${contact.firstName}`);
  const answer = uniqueText("Sorry about that — fixing them now");
  await t.getByRole("textbox", { name: /Reply to/ }).fill(answer);
  await t.getByRole("button", { name: "Send reply" }).click();

  // The answer reaches the contact's mailbox in the same thread.
  await expect(async () => {
    await sandbox.reload();
    const answered = sandbox.getByRole("listitem").filter({ hasText: answer });
    await expect(answered.getByRole("heading")).toHaveText(new RegExp(`^Re: Checking in, ${contact.firstName}`), { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});
