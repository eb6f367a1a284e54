import { describe, expect, it } from "vitest";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { runManual } from "@/lib/workflow/service/run-manual";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { conversationOf, messagesOf, publishGraph, runById, stepsOf } from "@/lib/workflow/testing/scenario";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

const { ws } = await useWorkspaceWithWorker(url);

const settled = (runId: string) =>
  waitFor(async () => {
    const run = await runById(runId);
    return run.status !== "running" && run;
  }, { what: `run ${runId} to settle` });
const finished = (runId: string) =>
  waitFor(async () => {
    const run = await runById(runId);
    return (run.status === "completed" || run.status === "failed") && run;
  }, { what: `run ${runId} to finish` });

describe("Branch on Conversation started, timeouts and the other actions", () => {
  it("takes Started on a reply and Not started at the timeout (which then closes the unanswered campaign)", async () => {
    const [replier, silent] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Rita" }, { firstName: "Sid" }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "manual"),
        node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId, assignee: { type: "user", userId: ws.agentId } }),
        node("b", "branch_conversation_started", { timeout: { amount: 2, unit: "seconds" } }),
        node("yes", "add_note", { message: message("{{first_name}} answered") }),
        node("no", "close_conversation"),
      ],
      edges: [edge("t", "s"), edge("s", "b"), edge("b", "yes", "started"), edge("b", "no", "not_started")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [replier!, silent!] });
    const runs = await Promise.all(runIds.map(settled));
    const replierRun = runs.find((run) => run.contact_id === replier)!;
    const silentRun = runs.find((run) => run.contact_id === silent)!;
    expect([replierRun.status, replierRun.current_node_id]).toEqual(["waiting", "b"]);

    await runService(await asContact(ws.workspaceId, replier!), recordContactMessage, { channelId: ws.chatChannelId, contactId: replier!, text: "Hello!" });
    await finished(replierRun.id);
    expect((await stepsOf(replierRun.id)).map((step) => [step.node_id, step.outcome])).toEqual([["s", "out"], ["b", "started"], ["yes", "out"]]);
    const opened = await conversationOf(replierRun.context.conversationId ?? (await runById(replierRun.id)).context.conversationId!);
    expect(opened).toMatchObject({ state: "open", opened: true, assignee_user_id: ws.agentId });
    expect((await messagesOf(opened.id)).map((m) => [m.kind, m.author_type, m.text])).toEqual([
      ["message", "agent", "Hi Rita"],
      ["message", "contact", "Hello!"],
      ["note", "system", "Rita answered"],
    ]);

    const timedOut = await finished(silentRun.id);
    expect(timedOut.status).toBe("completed");
    expect((await stepsOf(silentRun.id)).map((step) => [step.node_id, step.outcome])).toEqual([["s", "out"], ["b", "not_started"], ["no", "out"]]);
    const closed = await conversationOf(timedOut.context.conversationId!);
    expect(closed).toMatchObject({ state: "closed", opened: false, closed: true });

    // After the campaign was closed, a reply starts a new inbound conversation instead.
    const late = await runService(await asContact(ws.workspaceId, silent!), recordContactMessage, { channelId: ws.chatChannelId, contactId: silent!, text: "Sorry, late" });
    expect(late.createdConversation).toBe(true);
    expect(late.conversationId).not.toBe(closed.id);
  });

  it("opens Immediately: in the inbox at once, High Priority means unassigned in the high queue, Branch goes Started", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ivy" }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "manual"),
        node("s", "start_conversation", { message: message("Order shipped"), senderUserId: ws.agentId, openMode: "immediately", assignee: { type: "high_priority" } }),
        node("b", "branch_conversation_started"),
        node("a", "assign", { assignee: { type: "team", teamId: ws.teamId } }),
      ],
      edges: [edge("t", "s"), edge("s", "b"), edge("b", "a", "started")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [contact!] });
    const run = await finished(runIds[0]!);
    expect((await stepsOf(run.id)).map((step) => step.outcome)).toEqual(["out", "started", "out"]);
    expect(await conversationOf(run.context.conversationId!)).toMatchObject({ state: "open", opened: true, priority: "high", assignee_user_id: null, assignee_team_id: ws.teamId });
  });

  it("records From Contact without delivering, a Note as internal, and a campaign opens on the contact's next message", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Fay" }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "manual"),
        node("s1", "start_conversation", { message: message("I need a quote"), senderUserId: ws.agentId, direction: "from_contact" }),
        node("w", "wait", { duration: { amount: 1, unit: "seconds" } }),
        node("s2", "start_conversation", { message: message("Internal: VIP account"), senderUserId: ws.agentId, startWith: "note", channelId: ws.smsChannelId, customerDestination: "+14155552671" }),
      ],
      edges: [edge("t", "s1"), edge("s1", "w"), edge("w", "s2")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [contact!] });
    const first = await settled(runIds[0]!);
    expect([first.status, first.current_node_id]).toEqual(["waiting", "w"]);
    const fromContact = await conversationOf(first.context.conversationId!);
    expect(fromContact).toMatchObject({ state: "campaign", direction: "from_contact", waiting: true });
    expect(await messagesOf(fromContact.id)).toEqual([{ kind: "message", author_type: "contact", author_name: "Fay", text: "I need a quote" }]);

    const done = await finished(runIds[0]!);
    expect(done.status).toBe("completed");
    const note = await conversationOf(done.context.conversationId!);
    expect(note).toMatchObject({ state: "campaign", customer_destination: "+14155552671" });
    expect(await messagesOf(note.id)).toEqual([{ kind: "note", author_type: "agent", author_name: "Sam Support", text: "Internal: VIP account" }]);

    const reply = await runService(await asContact(ws.workspaceId, contact!), recordContactMessage, { channelId: ws.chatChannelId, contactId: contact!, text: "Any news?" });
    expect(reply).toMatchObject({ conversationId: fromContact.id, opened: true });
  });

  it("fails one contact's step with a clear error and lets the others go on", async () => {
    const [withPlan, withoutPlan] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Pat", attributes: { plan: "Pro" } },
      { firstName: "Quinn", attributes: {} },
    ]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Your {{plan}} plan renews soon, {{first_name}}"), senderUserId: ws.agentId })],
      edges: [edge("t", "s")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [withPlan!, withoutPlan!] });
    const runs = await Promise.all(runIds.map(finished));
    const ok = runs.find((run) => run.contact_id === withPlan)!;
    const failed = runs.find((run) => run.contact_id === withoutPlan)!;
    expect(ok.status).toBe("completed");
    expect((await messagesOf(ok.context.conversationId!))[0]!.text).toBe("Your Pro plan renews soon, Pat");
    expect(failed).toMatchObject({ status: "failed", error: "plan is empty for this contact and has no fallback." });
    expect(failed.context.conversationId).toBeUndefined();
  });
});
