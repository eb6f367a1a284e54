import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyContactConsents, setContactConsent } from "@/lib/consent/contact-consent";
import { getDb } from "@/lib/db/client";
import { createEmailChannel } from "@/lib/email/email-channels";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel } from "@/lib/sms/channels";
import { sandboxThread, sendSandboxReply } from "@/lib/sms/sandbox";
import { drainSmsOutbox } from "@/lib/sms/sms-outbox";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { edge, node, reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);
const admin = () => asMember(ws.workspaceId, ws.builderId);

/** The re-engagement graph for contacts tagged `tag`, with Not started going on to a Wait ("later"). */
async function publishOutreach(tag: string, channelId: string, subject?: string) {
  const graph = reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, channelId, subject, filter: { tags: { any: [tag] } } });
  graph.nodes.push(node("later", "wait", { duration: { amount: 1, unit: "days" } }));
  graph.edges.push(edge("branch", "later", "not_started"));
  const { workflowId, revision } = await runService(await admin(), createWorkflow, { name: `Consent ${tag}` });
  await runService(await admin(), saveDraft, { workflowId, graph, expectedRevision: revision });
  await runService(await admin(), publishWorkflow, { workflowId });
  return workflowId;
}

type RunRow = { contact_id: string; status: string; current_node_id: string | null; start_status: string | null; start_reason: string | null; branch_outcome: string | null; branch_reason: string | null };

async function settledRuns(workflowId: string, count: number) {
  return waitFor(
    async () => {
      const rows = await getDb().execute<RunRow>(sql`
        SELECT r.contact_id, r.status, r.current_node_id, s.status AS start_status, s.detail->>'reason' AS start_reason,
          b.outcome AS branch_outcome, b.detail->>'reason' AS branch_reason
        FROM workflow_runs r
        LEFT JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'start'
        LEFT JOIN run_steps b ON b.run_id = r.id AND b.node_id = 'branch'
        WHERE r.workflow_id = ${workflowId}`);
      return rows.rows.length === count && rows.rows.every((row) => row.status === "waiting") && rows.rows;
    },
    { what: `${count} runs to wait` },
  );
}

describe("Start a Conversation respects consent on every channel kind", () => {
  it("skips contacts unsubscribed from SMS (by texting STOP) or whose number bounces, with the reason in the step log, and goes on by Not started", async () => {
    const { channelId } = await runService(await admin(), createSmsChannel, { name: "Outreach SMS", config: { provider: "sandbox", fromNumber: "+14155550900" } });
    const [ada, grace, bo] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", phone: "+14155550901", tags: ["sms-outreach"] },
      { firstName: "Grace", phone: "+14155550902", tags: ["sms-outreach"] },
      { firstName: "Bo", phone: "+14155550903", tags: ["sms-outreach"] },
    ]);
    // Grace opts out the way carriers require; Bo's number is marked bouncing by the team.
    const stop = await runService(await admin(), sendSandboxReply, { channelId, phone: "+14155550902", body: "Stop" });
    expect(stop).toMatchObject({ keyword: "stop" });
    await runService(await admin(), applyContactConsents, { contactId: bo!, consent: { sms: "bouncing" }, via: "page" });

    const workflowId = await publishOutreach("sms-outreach", channelId);
    const runs = await settledRuns(workflowId, 3);
    const of = (id: string) => runs.find((run) => run.contact_id === id);
    // Ada's text went out; her run waits at the Branch for her reply.
    expect(of(ada!)).toMatchObject({ current_node_id: "branch", start_status: null });
    expect(of(grace!)).toMatchObject({ current_node_id: "later", start_status: "skipped", start_reason: "unsubscribed from SMS", branch_outcome: "not_started" });
    expect(of(grace!)!.branch_reason).toContain("unsubscribed from SMS");
    expect(of(bo!)).toMatchObject({ current_node_id: "later", start_status: "skipped", start_reason: "phone number is bouncing", branch_outcome: "not_started" });

    await drainSmsOutbox();
    // The suite's worker may hold Ada's text mid-send (claimed, not yet committed) when this drain looks.
    await waitFor(async () => (await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550901")).length > 0, { what: "Ada's text in the sandbox" });
    expect((await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550901")).map((m) => m.direction)).toEqual(["outbound"]);
    // Grace has only her STOP and its one confirmation; Bo has nothing.
    expect((await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550902")).map((m) => [m.direction, m.body.slice(0, 4)])).toEqual([
      ["inbound", "Stop"],
      ["outbound", "Outr"],
    ]);
    expect(await sandboxThread(getDb(), ws.workspaceId, channelId, "+14155550903")).toEqual([]);
    const conversations = await getDb().execute<{ contact_id: string }>(sql`SELECT contact_id FROM conversations WHERE workflow_id = ${workflowId}`);
    expect(conversations.rows.map((row) => row.contact_id)).toEqual([ada]);
  });

  it("skips contacts unsubscribed from email or whose address bounces, and goes on by Not started", async () => {
    const { channelId } = await runService(await admin(), createEmailChannel, {
      name: "Outreach email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "reply-consent.acme.example",
      ratePerSecond: 50,
      transport: { kind: "sandbox" },
    });
    const [ada, grace, bo] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", email: "ada@consent.example", tags: ["email-outreach"] },
      { firstName: "Grace", email: "grace@consent.example", tags: ["email-outreach"] },
      { firstName: "Bo", email: "bo@consent.example", tags: ["email-outreach"] },
    ]);
    await runService(await admin(), applyContactConsents, { contactId: grace!, consent: { email: "unsubscribed" }, via: "page" });
    await runService(await admin(), applyContactConsents, { contactId: bo!, consent: { email: "bouncing" }, via: "page" });

    const workflowId = await publishOutreach("email-outreach", channelId, "Checking in");
    const runs = await settledRuns(workflowId, 3);
    const of = (id: string) => runs.find((run) => run.contact_id === id);
    expect(of(ada!)).toMatchObject({ current_node_id: "branch", start_status: null });
    expect(of(grace!)).toMatchObject({ current_node_id: "later", start_status: "skipped", start_reason: "unsubscribed from email", branch_outcome: "not_started" });
    expect(of(bo!)).toMatchObject({ current_node_id: "later", start_status: "skipped", start_reason: "email address is bouncing", branch_outcome: "not_started" });
    const queued = await getDb().execute<{ to_address: string | null; contact_id: string }>(sql`
      SELECT c.contact_id FROM email_deliveries d JOIN conversations c ON c.id = d.conversation_id WHERE c.workflow_id = ${workflowId}`);
    expect(queued.rows.map((row) => row.contact_id)).toEqual([ada]);
  });

  it("skips a contact unsubscribed from chat (set on their page), and a step that acts on the conversation is skipped and passed", async () => {
    const [ada, grace] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", tags: ["chat-outreach"] },
      { firstName: "Grace", tags: ["chat-outreach"] },
    ]);
    const consent = await runService(await admin(), setContactConsent, { contactId: grace!, kind: "chat", status: "unsubscribed" });
    expect(consent.chat).toMatchObject({ status: "unsubscribed", source: "agent" });
    const refused = await runService(await admin(), setContactConsent, { contactId: grace!, kind: "chat", status: "bouncing" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_input" });

    const graph = reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, filter: { tags: { any: ["chat-outreach"] } } });
    graph.nodes = graph.nodes.filter((n) => n.id !== "branch");
    graph.edges = [edge("trigger", "start"), edge("start", "assign")];
    const { workflowId, revision } = await runService(await admin(), createWorkflow, { name: "Consent chat" });
    await runService(await admin(), saveDraft, { workflowId, graph, expectedRevision: revision });
    await runService(await admin(), publishWorkflow, { workflowId });

    const runs = await waitFor(
      async () => {
        const rows = await getDb().execute<{ contact_id: string; status: string; start_reason: string | null; assign_status: string | null; assign_reason: string | null }>(sql`
          SELECT r.contact_id, r.status, s.detail->>'reason' AS start_reason, a.status AS assign_status, a.detail->>'reason' AS assign_reason
          FROM workflow_runs r
          LEFT JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'start'
          LEFT JOIN run_steps a ON a.run_id = r.id AND a.node_id = 'assign'
          WHERE r.workflow_id = ${workflowId}`);
        return rows.rows.length === 2 && rows.rows.every((row) => row.status === "completed") && rows.rows;
      },
      { what: "two runs to complete" },
    );
    expect(runs.find((run) => run.contact_id === ada)).toMatchObject({ start_reason: null, assign_status: "ok" });
    expect(runs.find((run) => run.contact_id === grace)).toMatchObject({
      start_reason: "unsubscribed from chat",
      assign_status: "skipped",
      assign_reason: "No conversation was started: unsubscribed from chat",
    });
  });
});
