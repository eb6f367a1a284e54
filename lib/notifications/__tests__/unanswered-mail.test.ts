import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignConversation, closeConversation, postAgentMessage, snoozeConversation } from "@/lib/conversations/agent-actions";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { getDb } from "@/lib/db/client";
import { mails } from "@/lib/db/schema/mail";
import { agentActivity } from "@/lib/db/schema/agent-activity";
import { notificationPreferences } from "@/lib/db/schema/notifications";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { touchAgentActivity } from "@/lib/live/agent-activity";
import { unansweredMailJob, unansweredMailJobKey } from "@/lib/notifications/unanswered-mail-job";
import { sendUnansweredMail } from "@/lib/notifications/unanswered-mail";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, waitFor, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

let ws: WorkspaceFixture;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});

/** The contact writes in on the chat. */
const contactWrites = async (contactId: string, text: string) =>
  runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text });

/** A conversation assigned to the fixture's agent, whose contact has written once since. */
async function waitingConversation(firstName = "Wanda") {
  const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName, lastName: "Waiting" }]);
  const { conversationId } = await contactWrites(contact!, "Hello?");
  await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, { conversationId, assignee: { type: "user", userId: ws.agentId } });
  await contactWrites(contact!, "Is anyone there? My order #1234 never arrived and I have been waiting for two weeks now, please help me.");
  return { conversationId, contactId: contact! };
}

/**
 * Moves the start of the conversation's current wait back in time (when it is waiting at all):
 * the explicit due time, instead of a sleeping test.
 */
const waitedMinutes = (conversationId: string, minutes: number) =>
  getDb().execute(
    sql`UPDATE conversations SET waiting_since = now() - make_interval(mins => ${minutes}) WHERE id = ${conversationId} AND waiting_since IS NOT NULL`,
  );

const runJob = async (conversationId: string, userId = ws.agentId) =>
  runService(await asSystem(ws.workspaceId), sendUnansweredMail, { conversationId, userId });

const pendingJobs = (conversationId: string) =>
  getDb().execute<{ run_at: string; payload: { userId: string } }>(
    sql`SELECT run_at, payload FROM graphile_worker._private_jobs WHERE key = ${unansweredMailJobKey(conversationId)} AND locked_at IS NULL`,
  );

const setPreferences = (values: Partial<typeof notificationPreferences.$inferInsert>) =>
  getDb()
    .insert(notificationPreferences)
    .values({ userId: ws.agentId, ...values })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });

describe("the unanswered-conversation mail", () => {
  beforeAll(async () => {
    await getDb().delete(notificationPreferences).where(eq(notificationPreferences.userId, ws.agentId));
    await getDb().delete(agentActivity).where(eq(agentActivity.userId, ws.agentId));
  });

  it("is queued once per conversation, due at the start of the wait plus the agent's N minutes", async () => {
    await setPreferences({ emailAfterMinutes: 25 });
    const { conversationId, contactId } = await waitingConversation();
    await contactWrites(contactId, "Still there?");
    const jobs = await pendingJobs(conversationId);
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]!.payload.userId).toBe(ws.agentId);
    const [conversation] = await getDb().execute<{ due: string }>(sql`SELECT waiting_since + interval '25 minutes' AS due FROM conversations WHERE id = ${conversationId}`).then((r) => r.rows);
    expect(new Date(jobs.rows[0]!.run_at).getTime()).toBe(new Date(conversation!.due).getTime());
    await setPreferences({ emailAfterMinutes: 10 });
  });

  it("is left alone by the wait's later messages, and queued again when its due time, its assignee or its run changed", async () => {
    const { conversationId, contactId } = await waitingConversation();
    const job = async () =>
      (await getDb().execute<{ id: string; revision: number; run_at: string; user_id: string }>(
        sql`SELECT id::text, revision, run_at, payload->>'userId' AS user_id FROM graphile_worker._private_jobs WHERE key = ${unansweredMailJobKey(conversationId)}`,
      )).rows;
    const [queued] = await job();
    // More messages of the same wait: the same job, untouched (no add_job, so no NOTIFY to the worker).
    await contactWrites(contactId, "Hello?");
    await contactWrites(contactId, "Hello??");
    expect(await job()).toEqual([queued]);

    // The agent chose more minutes: the next message moves the job to the new due time.
    await setPreferences({ emailAfterMinutes: 30 });
    await contactWrites(contactId, "Anyone?");
    const [moved] = await job();
    expect(new Date(moved!.run_at).getTime() - new Date(queued!.run_at).getTime()).toBe(20 * 60_000);
    await setPreferences({ emailAfterMinutes: 10 });
    await contactWrites(contactId, "Still here.");
    expect(new Date((await job())[0]!.run_at).getTime()).toBe(new Date(queued!.run_at).getTime());

    // Reassigned: the job is the new assignee's.
    await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, { conversationId, assignee: { type: "user", userId: ws.builderId } });
    expect((await job()).map((row) => row.user_id)).toEqual([ws.builderId]);
    await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, { conversationId, assignee: { type: "user", userId: ws.agentId } });
    expect((await job()).map((row) => row.user_id)).toEqual([ws.agentId]);

    // The job ran (the worker deletes it) while the agent was in the app, so nothing was sent:
    // the wait's next message queues it again, due at once now that the wait is old enough.
    await waitedMinutes(conversationId, 11);
    await getDb().execute(sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${unansweredMailJobKey(conversationId)}`);
    await contactWrites(contactId, "Hello, anybody?");
    const [again] = await job();
    expect(again).toBeDefined();
    expect(new Date(again!.run_at).getTime()).toBeLessThanOrEqual(Date.now());

    // A job that failed and waits for its retry is reset by the next message, as before.
    await getDb().execute(sql`UPDATE graphile_worker._private_jobs SET attempts = 1 WHERE key = ${unansweredMailJobKey(conversationId)}`);
    await contactWrites(contactId, "Hello?!");
    expect((await getDb().execute<{ attempts: number }>(sql`SELECT attempts FROM graphile_worker._private_jobs WHERE key = ${unansweredMailJobKey(conversationId)}`)).rows).toEqual([{ attempts: 0 }]);
  });

  it("is queued again when the contact's message wakes a snoozed conversation whose job ran meanwhile", async () => {
    const { conversationId, contactId } = await waitingConversation();
    await runService(await asMember(ws.workspaceId, ws.agentId), snoozeConversation, { conversationId, until: new Date(Date.now() + 3_600_000) });
    await waitedMinutes(conversationId, 11);
    // The job ran while it slept (sending nothing) and is gone.
    expect(await runJob(conversationId)).toBeNull();
    await getDb().execute(sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${unansweredMailJobKey(conversationId)}`);
    await contactWrites(contactId, "Wake up!");
    expect((await pendingJobs(conversationId)).rows).toHaveLength(1);
    expect(await runJob(conversationId)).not.toBeNull();
  });

  it("sends nothing before the agent's N minutes have passed", async () => {
    const { conversationId } = await waitingConversation();
    await waitedMinutes(conversationId, 9);
    expect(await runJob(conversationId)).toBeNull();
  });

  it("sends one mail when the contact has waited N minutes, and no second one for the same wait", async () => {
    const { conversationId, contactId } = await waitingConversation();
    await waitedMinutes(conversationId, 11);
    const sent = await runJob(conversationId);
    expect(sent).not.toBeNull();
    const [mail] = await getDb().select().from(mails).where(eq(mails.id, sent!.mailId));
    expect(mail).toMatchObject({ kind: "notification", workspaceId: ws.workspaceId });
    expect(mail!.subject).toBe("Wanda Waiting is waiting for your answer");
    expect(mail!.text).toContain(`/${ws.workspaceId}/inbox/you/c/${conversationId}`);
    // A short preview, never the whole message.
    expect(mail!.text).toContain("Is anyone there? My order #1234");
    expect(mail!.text).not.toContain("please help me");

    expect(await runJob(conversationId)).toBeNull();
    // More messages in the same wait queue no second mail.
    await contactWrites(contactId, "Hello again?");
    expect(await runJob(conversationId)).toBeNull();
  });

  it("two runs at once for the same wait send one mail", async () => {
    const { conversationId } = await waitingConversation();
    await waitedMinutes(conversationId, 11);
    const results = await Promise.all([runJob(conversationId), runJob(conversationId), runJob(conversationId)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const rows = await getDb().execute(sql`SELECT 1 FROM unanswered_mails WHERE conversation_id = ${conversationId}`);
    expect(rows.rows).toHaveLength(1);
  });

  it("mails again for a new wait after the agent answered", async () => {
    const { conversationId, contactId } = await waitingConversation();
    await waitedMinutes(conversationId, 11);
    expect(await runJob(conversationId)).not.toBeNull();
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId, kind: "message", body: textToDocument("On it") });
    await contactWrites(contactId, "Any news?");
    await waitedMinutes(conversationId, 11);
    expect(await runJob(conversationId)).not.toBeNull();
  });

  it("is cancelled by the agent's answer, a close, a snooze or a reassignment", async () => {
    const answered = await waitingConversation();
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: answered.conversationId, kind: "message", body: textToDocument("Hi") });
    await waitedMinutes(answered.conversationId, 60);
    expect(await runJob(answered.conversationId)).toBeNull();

    const noted = await waitingConversation();
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: noted.conversationId, kind: "note", body: textToDocument("Checking") });
    await waitedMinutes(noted.conversationId, 11);
    // A note is not an answer: the contact still waits.
    expect(await runJob(noted.conversationId)).not.toBeNull();

    const closed = await waitingConversation();
    await waitedMinutes(closed.conversationId, 11);
    await runService(await asMember(ws.workspaceId, ws.agentId), closeConversation, { conversationId: closed.conversationId });
    expect(await runJob(closed.conversationId)).toBeNull();

    const snoozed = await waitingConversation();
    await waitedMinutes(snoozed.conversationId, 11);
    await runService(await asMember(ws.workspaceId, ws.agentId), snoozeConversation, { conversationId: snoozed.conversationId, until: new Date(Date.now() + 3_600_000) });
    expect(await runJob(snoozed.conversationId)).toBeNull();

    const reassigned = await waitingConversation();
    await waitedMinutes(reassigned.conversationId, 11);
    await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, {
      conversationId: reassigned.conversationId,
      assignee: { type: "user", userId: ws.builderId },
    });
    expect(await runJob(reassigned.conversationId)).toBeNull();
  });

  it("is not sent while the agent is active in the app, and is once they have been gone for the window", async () => {
    const { conversationId } = await waitingConversation();
    await waitedMinutes(conversationId, 11);
    await touchAgentActivity(getDb(), ws.agentId);
    expect(await runJob(conversationId)).toBeNull();
    await getDb().update(agentActivity).set({ lastActiveAt: sql`now() - interval '10 minutes'` }).where(eq(agentActivity.userId, ws.agentId));
    expect(await runJob(conversationId)).not.toBeNull();
    await getDb().delete(agentActivity).where(eq(agentActivity.userId, ws.agentId));
  });

  it("respects the agent's preferences: their N, and no mail (nor job) when they turned mail off", async () => {
    const later = await waitingConversation();
    // The job was queued for 10 minutes; the agent then chose 45: at 30 minutes it sends
    // nothing and queues itself again for the new due time.
    await setPreferences({ emailAfterMinutes: 45 });
    await waitedMinutes(later.conversationId, 30);
    expect(await runJob(later.conversationId)).toBeNull();
    const [requeued] = (await pendingJobs(later.conversationId)).rows;
    const [expected] = await getDb()
      .execute<{ due: string }>(sql`SELECT waiting_since + interval '45 minutes' AS due FROM conversations WHERE id = ${later.conversationId}`)
      .then((r) => r.rows);
    expect(new Date(requeued!.run_at).getTime()).toBe(new Date(expected!.due).getTime());
    await waitedMinutes(later.conversationId, 46);
    expect(await runJob(later.conversationId)).not.toBeNull();

    await setPreferences({ email: false, emailAfterMinutes: 10 });
    const off = await waitingConversation();
    expect((await pendingJobs(off.conversationId)).rows).toHaveLength(0);
    await waitedMinutes(off.conversationId, 60);
    expect(await runJob(off.conversationId)).toBeNull();
    await setPreferences({ email: true });
  });

  it("is never queued for a conversation nobody is assigned", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Nobody" }]);
    const { conversationId } = await contactWrites(contact!, "Hi");
    expect((await pendingJobs(conversationId)).rows).toHaveLength(0);
  });
});

describe("the job on the worker, over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: WorkerHandle;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Parley <parley@example.com>";
    worker = await startWorker({ connectionString: url, concurrency: 1 });
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
  });

  it("mails the assigned agent at the due time with a link to the conversation", async () => {
    const { conversationId } = await waitingConversation("Otto");
    // The due time arrives: the wait began 11 minutes ago and the job is due now.
    await waitedMinutes(conversationId, 11);
    await getDb().execute(
      sql`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${unansweredMailJobKey(conversationId)} AND task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = ${unansweredMailJob.name})`,
    );
    const got = await waitFor(async () => smtp.received.find((m) => m.subject === "Otto Waiting is waiting for your answer"), { what: "the mail", timeoutMs: 30_000 });
    const [agent] = await getDb().execute<{ email: string }>(sql`SELECT email FROM users WHERE id = ${ws.agentId}`).then((r) => r.rows);
    expect(got.envelopeTo).toContain(agent!.email);
    expect(got.html).toContain(`/${ws.workspaceId}/inbox/you/c/${conversationId}`);
    const sent = await getDb().select().from(mails).where(and(eq(mails.workspaceId, ws.workspaceId), eq(mails.subject, "Otto Waiting is waiting for your answer")));
    expect(sent).toHaveLength(1);
  });

  it("mails the new assignee of a conversation reassigned while it waits, after the previous one was mailed for the same wait", async () => {
    const { conversationId } = await waitingConversation("Rita");
    const subject = "Rita Waiting is waiting for your answer";
    const dueNow = () =>
      getDb().execute(
        sql`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${unansweredMailJobKey(conversationId)} AND task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = ${unansweredMailJob.name})`,
      );
    const emailOf = async (userId: string) => (await getDb().execute<{ email: string }>(sql`SELECT email FROM users WHERE id = ${userId}`)).rows[0]!.email;
    const agentEmail = await emailOf(ws.agentId);
    // The first assignee's mail for this wait.
    await waitedMinutes(conversationId, 11);
    await dueNow();
    await waitFor(async () => smtp.received.find((m) => m.subject === subject && m.envelopeTo.includes(agentEmail)), { what: "the first assignee's mail", timeoutMs: 30_000 });
    // Still waiting, the conversation goes to someone else: it is news to them, mailed without another message from the contact.
    await runService(await asMember(ws.workspaceId, ws.builderId), assignConversation, { conversationId, assignee: { type: "user", userId: ws.builderId } });
    const builderEmail = await emailOf(ws.builderId);
    const got = await waitFor(async () => smtp.received.find((m) => m.subject === subject && m.envelopeTo.includes(builderEmail)), { what: "the new assignee's mail", timeoutMs: 30_000 });
    expect(got.html).toContain(`/${ws.workspaceId}/inbox/you/c/${conversationId}`);
    const claims = await getDb().execute<{ user_id: string }>(sql`SELECT user_id FROM unanswered_mails WHERE conversation_id = ${conversationId}`);
    expect(claims.rows.map((row) => row.user_id).sort()).toEqual([ws.agentId, ws.builderId].sort());
    // Once each: the first assignee got no second mail for this wait.
    expect(smtp.received.filter((m) => m.subject === subject && m.envelopeTo.includes(agentEmail))).toHaveLength(1);
  });
});
