import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { parse } = await import("csv-parse/sync");
const { getDb } = await import("@/lib/db/client");
const { channels } = await import("@/lib/db/schema/channels");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { advanceFirstMessages } = await import("@/lib/outreach-status/first-message-status");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asMember } = await import("@/lib/testing/service-scope");
const { signInAs } = await import("@/lib/testing/session-mock");
const { useWorkspaceWithWorker } = await import("@/lib/workflow/testing/workspace-with-worker");
const { runManual } = await import("@/lib/workflow/service/run-manual");
const { edge, message, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph, runById } = await import("@/lib/workflow/testing/scenario");
const { createContacts, createWorkspaceFixture, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { listRecipients, loadChart, loadFunnel } = await import("@/lib/results/workflow-results");
const { loadResultsPage, startNodesOf } = await import("@/lib/results/results-page-data");
const { recipientsCsvChunks } = await import("@/lib/results/recipients-csv");
const csvRoute = await import("@/app/api/workspaces/[workspaceId]/workflows/[workflowId]/results/recipients.csv/route");

const { ws } = await useWorkspaceWithWorker(url);

/**
 * One workflow, every way a recipient can end: Manual → s1 (chat: "Your {{plan}} plan") → s2
 * (an email channel with no settings, so its outbox fails each email). Six contacts: one has no
 * plan (s1 fails to render), the five others are sent s1 and move on to s2, where one has
 * unsubscribed from email (skipped) and four are queued, then fail in the outbox.
 */
async function scenario() {
  const [emailChannel] = await getDb()
    .insert(channels)
    .values({ workspaceId: ws.workspaceId, kind: "email", name: "Broken email", isDefault: false, identitySecret: "s" })
    .returning();
  const seeds = ["Ann", "Ben", "Cat", "Dan", "Eve"].map((firstName) => ({ firstName, email: `${firstName.toLowerCase()}@example.com`, attributes: { plan: "Pro" } }));
  const contacts = await createContacts(getDb(), ws.workspaceId, [...seeds, { firstName: "Noplan", email: "noplan@example.com" }]);
  await getDb().execute(sql`
    INSERT INTO contact_channel_consent (workspace_id, contact_id, channel_kind, status, source)
    VALUES (${ws.workspaceId}, ${contacts[4]}, 'email', 'unsubscribed', 'test')`);
  const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [
      node("t", "manual"),
      node("s1", "start_conversation", { message: message("Your {{plan}} plan"), senderUserId: ws.agentId }),
      node("s2", "start_conversation", { message: message("Follow-up"), senderUserId: ws.agentId, channelId: emailChannel!.id, subject: "News" }),
    ],
    edges: [edge("t", "s1"), edge("s1", "s2")],
  });
  const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: contacts });
  for (const runId of runIds) await waitFor(async () => (await runById(runId)).status !== "running");
  const conversation = async (contactId: string, nodeId: string) =>
    (await getDb().execute<{ id: string }>(sql`SELECT id FROM conversations WHERE contact_id = ${contactId} AND node_id = ${nodeId}`)).rows[0]!.id;
  // s1's statuses: Ann delivered, Ben seen, Cat replied, Dan failed, Eve stays sent.
  await advanceFirstMessages(getDb(), ws.workspaceId, { conversationIds: [await conversation(contacts[0]!, "s1")] }, { status: "delivered" });
  await advanceFirstMessages(getDb(), ws.workspaceId, { conversationIds: [await conversation(contacts[1]!, "s1")] }, { status: "seen" });
  await advanceFirstMessages(getDb(), ws.workspaceId, { conversationIds: [await conversation(contacts[3]!, "s1")] }, { status: "failed", reason: "Chat closed" });
  await runService(await asContact(ws.workspaceId, contacts[2]!), recordContactMessage, { channelId: ws.chatChannelId, contactId: contacts[2]!, text: "Thanks" });
  // s2's four emails fail in the outbox (the worker drains it).
  await waitFor(async () => {
    const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE workflow_id = ${workflowId} AND node_id = 's2' AND outreach_status = 'failed'`);
    return rows.rows[0]!.n === 4;
  });
  return { workflowId, contacts };
}

const { workflowId, contacts } = await scenario();
const startNodeIds = ["s1", "s2"];

describe("a workflow's results", () => {
  it("counts the funnel per Start a Conversation step, with failures and skips, from the statuses and the step log", async () => {
    const funnel = await loadFunnel(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodeIds });
    expect(funnel).toEqual([
      { key: "s1", entered: 6, sent: 5, delivered: 3, seen: 2, started: 1, goal: null, failed: 2, skipped: 0 },
      { key: "s2", entered: 5, sent: 0, delivered: 0, seen: 0, started: 0, goal: null, failed: 4, skipped: 1 },
    ]);
    // Another workspace asking about this workflow sees nothing.
    const other = await createWorkspaceFixture(getDb());
    expect(await loadFunnel(getDb(), { workspaceId: other.workspaceId, workflowId, startNodeIds })).toEqual([
      { key: "s1", entered: 0, sent: 0, delivered: 0, seen: 0, started: 0, goal: null, failed: 0, skipped: 0 },
      { key: "s2", entered: 0, sent: 0, delivered: 0, seen: 0, started: 0, goal: null, failed: 0, skipped: 0 },
    ]);
  });

  it("charts sends and replies in this hour and this day, every bucket of the span present", async () => {
    const hours = await loadChart(getDb(), { workspaceId: ws.workspaceId, workflowId, unit: "hour" });
    expect(hours).toHaveLength(48);
    expect(hours.reduce((sum, p) => sum + p.sends, 0)).toBe(5);
    expect(hours.reduce((sum, p) => sum + p.replies, 0)).toBe(1);
    expect(hours.at(-1)!.sends + hours.at(-2)!.sends).toBe(5);
    const days = await loadChart(getDb(), { workspaceId: ws.workspaceId, workflowId, unit: "day" });
    expect(days).toHaveLength(30);
    expect(days.at(-1)!.sends + days.at(-2)!.sends).toBe(5);
  });

  it("lists every recipient once across cursor pages, newest first, and filters by step and status", async () => {
    const seen: string[] = [];
    let after = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listRecipients>> = await listRecipients(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodeIds, after, limit: 4 });
      seen.push(...page.rows.map((row) => row.id));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);

    const skipped = await listRecipients(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodeIds, filter: { status: "skipped" }, limit: 50 });
    expect(skipped.rows.map((row) => [row.contactId, row.nodeId, row.reason, row.conversationId])).toEqual([[contacts[4], "s2", "unsubscribed from email", null]]);

    const failedAtFirst = await listRecipients(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodeIds, filter: { nodeId: "s1", status: "failed" }, limit: 50 });
    expect(failedAtFirst.rows.map((row) => [row.contactId, row.reason]).sort()).toEqual(
      [
        [contacts[3], "Chat closed"],
        [contacts[5], "plan is empty for this contact and has no fallback."],
      ].sort(),
    );
    const replied = await listRecipients(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodeIds, filter: { status: "replied" }, limit: 50 });
    expect(replied.rows).toMatchObject([{ contactId: contacts[2], nodeId: "s1", status: "replied", opened: true }]);
  });

  it("reads the same from the page's loader, which knows the workflow's steps", async () => {
    expect(await startNodesOf(getDb(), ws.workspaceId, workflowId)).toEqual([
      { id: "s1", label: "Start a Conversation 1" },
      { id: "s2", label: "Start a Conversation 2" },
    ]);
    const data = (await loadResultsPage(getDb(), ws.workspaceId, workflowId, { chart: "day", status: "failed" }))!;
    expect(data.recipients.rows).toHaveLength(6);
    expect(data.funnel.map((row) => row.entered)).toEqual([6, 5]);
    const other = await createWorkspaceFixture(getDb());
    expect(await loadResultsPage(getDb(), other.workspaceId, workflowId, { chart: "day" })).toBeNull();
  });

  it("exports the filtered recipients as CSV, streamed a page at a time, to members only", async () => {
    const chunks: string[] = [];
    const startNodes = await startNodesOf(getDb(), ws.workspaceId, workflowId);
    for await (const chunk of recipientsCsvChunks(getDb(), { workspaceId: ws.workspaceId, workflowId, startNodes, filter: {} }, 3)) chunks.push(chunk);
    expect(chunks.length).toBe(1 + 4);
    const rows = parse(chunks.join("").replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(11);
    expect(rows.find((row) => row.Status === "skipped")).toMatchObject({ Contact: "Eve", Email: "eve@example.com", Step: "Start a Conversation 2", Reason: "unsubscribed from email" });

    signInAs({ id: ws.agentId });
    const response = await csvRoute.GET(new Request(`http://localhost/api/workspaces/${ws.workspaceId}/workflows/${workflowId}/results/recipients.csv?status=replied`), {
      params: Promise.resolve({ workspaceId: ws.workspaceId, workflowId }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const replied = parse((await response.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(replied.map((row) => [row.Contact, row.Status])).toEqual([["Cat", "replied"]]);

    const outsider = await createWorkspaceFixture(getDb());
    signInAs({ id: outsider.agentId });
    const refused = await csvRoute.GET(new Request(`http://localhost/api/workspaces/${ws.workspaceId}/workflows/${workflowId}/results/recipients.csv`), {
      params: Promise.resolve({ workspaceId: ws.workspaceId, workflowId }),
    });
    expect([403, 404]).toContain(refused.status);
    const elsewhere = await csvRoute.GET(new Request(`http://localhost/api/workspaces/${outsider.workspaceId}/workflows/${workflowId}/results/recipients.csv`), {
      params: Promise.resolve({ workspaceId: outsider.workspaceId, workflowId }),
    });
    expect(elsewhere.status).toBe(404);
  });
});

const { setWorkflowGoal } = await import("@/lib/workflow/service/workflow-goal");
const { createWorkflow, saveDraft } = await import("@/lib/workflow/service/workflows");
const { publishWorkflow } = await import("@/lib/workflow/service/publish");
const { splitPathIndex } = await import("@/lib/workflow/nodes/split/split-output");
const { bySplitPath } = await import("@/lib/results/workflow-results");

/**
 * An A/B test: Manual → Split 50/50 → (A) sa "Variant A" / (B) sb "Variant B", with the goal "the
 * contact replies" (runs go on when it is met). Contacts are added until each path has three; one
 * contact on each path replies, and the A replier replies twice (the goal still counts once).
 */
async function splitScenario() {
  const builder = await asMember(ws.workspaceId, ws.builderId);
  const { workflowId, revision } = await runService(builder, createWorkflow, { name: "A/B" });
  await runService(builder, saveDraft, {
    workflowId,
    expectedRevision: revision,
    graph: {
      nodes: [
        node("t", "manual"),
        node("split", "split", { shares: [50, 50] }),
        node("sa", "start_conversation", { message: message("Variant A"), senderUserId: ws.agentId }),
        node("sb", "start_conversation", { message: message("Variant B"), senderUserId: ws.agentId }),
      ],
      edges: [edge("t", "split"), edge("split", "sa", "path_a"), edge("split", "sb", "path_b")],
    },
  });
  await runService(builder, setWorkflowGoal, { workflowId, goal: { condition: { kind: "contact_replied" }, exitWhenMet: false } });
  await runService(builder, publishWorkflow, { workflowId });
  const paths: [string[], string[]] = [[], []];
  for (let i = 0; paths[0].length < 3 || paths[1].length < 3; i++) {
    const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: `Split${i}`, email: `split${i}@example.com` }]);
    const path = paths[splitPathIndex(workflowId, contactId!, [50, 50])]!;
    if (path.length < 3) path.push(contactId!);
  }
  const { runIds } = await runService(builder, runManual, { test: false, workflowId, contactIds: [...paths[0], ...paths[1]] });
  for (const runId of runIds) await waitFor(async () => (await runById(runId)).status !== "running");
  const reply = async (contactId: string, text: string) => runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text });
  await reply(paths[0][0]!, "Yes");
  await reply(paths[0][0]!, "Yes again");
  await reply(paths[1][0]!, "Sure");
  return { workflowId, paths };
}

const split = await splitScenario();

describe("a workflow's results with a Split and a goal", () => {
  it("counts the funnel and the goal per Start a Conversation step and per Split path, each run's goal once", async () => {
    const base = { workspaceId: ws.workspaceId, workflowId: split.workflowId, goals: true };
    expect(await loadFunnel(getDb(), { ...base, startNodeIds: ["sa", "sb"] })).toEqual([
      { key: "sa", entered: 3, sent: 3, delivered: 1, seen: 1, started: 1, goal: 1, failed: 0, skipped: 0 },
      { key: "sb", entered: 3, sent: 3, delivered: 1, seen: 1, started: 1, goal: 1, failed: 0, skipped: 0 },
    ]);
    expect(await loadFunnel(getDb(), { ...base, startNodeIds: ["sa", "sb"], segment: bySplitPath("split", ["path_a", "path_b"]) })).toEqual([
      { key: "path_a", entered: 3, sent: 3, delivered: 1, seen: 1, started: 1, goal: 1, failed: 0, skipped: 0 },
      { key: "path_b", entered: 3, sent: 3, delivered: 1, seen: 1, started: 1, goal: 1, failed: 0, skipped: 0 },
    ]);
    // Another workspace sees no recipient and no goal.
    const other = await createWorkspaceFixture(getDb());
    expect(
      (await loadFunnel(getDb(), { ...base, workspaceId: other.workspaceId, startNodeIds: ["sa"], segment: bySplitPath("split", ["path_a", "path_b"]) })).map((row) => [row.entered, row.goal]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("charts the goals met beside sends and replies", async () => {
    const hours = await loadChart(getDb(), { workspaceId: ws.workspaceId, workflowId: split.workflowId, unit: "hour" });
    expect(hours.reduce((sum, p) => sum + p.sends, 0)).toBe(6);
    expect(hours.reduce((sum, p) => sum + p.replies, 0)).toBe(2);
    expect(hours.reduce((sum, p) => sum + p.goals, 0)).toBe(2);
  });

  it("gives the page each Split's paths with their funnels", async () => {
    const data = (await loadResultsPage(getDb(), ws.workspaceId, split.workflowId, { chart: "day" }))!;
    expect(data.hasGoal).toBe(true);
    expect(data.splits).toMatchObject([
      {
        id: "split",
        label: "Split",
        paths: [
          { id: "path_a", label: "Path A · 50%" },
          { id: "path_b", label: "Path B · 50%" },
        ],
        startNodeIds: ["sa", "sb"],
        funnel: [
          { key: "path_a", entered: 3, goal: 1 },
          { key: "path_b", entered: 3, goal: 1 },
        ],
      },
    ]);
    expect(data.funnel.map((row) => row.goal)).toEqual([1, 1]);
  });
});
