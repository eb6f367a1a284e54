import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { getDb } from "@/lib/db/client";
import { updateOutreachSettings } from "@/lib/outreach/outreach-settings";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { enterAndAdvance } from "@/lib/workflow/engine/advance-runs";
import { endExpiredWaits } from "@/lib/workflow/engine/wait-deadline";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { holdTransactionOpen, waitUntilBlockedOnLock } from "@/lib/testing/lock-wait";

// No worker: each test runs the engine's fan-out path (enterAndAdvance, what an audience batch
// job calls) itself, so it controls the transactions and, for send windows, the clock.
await useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

type Trigger = "audience_matched" | "manual";

async function publishOutreach(ws: WorkspaceFixture, options: { trigger?: Trigger; start?: Record<string, unknown>; name?: string } = {}) {
  const trigger = options.trigger ?? "audience_matched";
  return publishGraph(
    ws.workspaceId,
    ws.builderId,
    {
      nodes: [
        node("trigger", trigger, trigger === "audience_matched" ? { filter: { lastConversation: null } } : {}),
        node("start", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId, ...options.start }),
      ],
      edges: [edge("trigger", "start")],
    },
    options.name,
  );
}

function fanOut(ws: WorkspaceFixture, published: { workflowId: string; versionId: string }, contactIds: readonly string[], trigger: Trigger = "audience_matched") {
  return getDb().transaction((tx) =>
    enterAndAdvance(
      tx,
      { workspaceId: ws.workspaceId, plan: "enterprise", workflowId: published.workflowId, versionId: published.versionId, triggerNodeId: "trigger" },
      contactIds.map((contactId) => ({ contactId, triggerKey: `${trigger}:${contactId}` })),
    ),
  );
}

/** What the step did for each contact of a workflow: "sent", or the skip reason; waiting runs as "waiting". */
async function outcomes(workflowId: string): Promise<Map<string, string>> {
  const rows = await getDb().execute<{ contact_id: string; status: string; step_status: string | null; reason: string | null; conversation: boolean }>(sql`
    SELECT r.contact_id, r.status, s.status AS step_status, s.detail->>'reason' AS reason,
      EXISTS (SELECT 1 FROM conversations c WHERE c.run_id = r.id) AS conversation
    FROM workflow_runs r LEFT JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'start'
    WHERE r.workflow_id = ${workflowId}`);
  return new Map(
    rows.rows.map((row) => [row.contact_id, row.status === "waiting" ? "waiting" : row.conversation ? "sent" : row.step_status === "skipped" ? `skipped: ${row.reason}` : `?${row.status}`]),
  );
}

async function setCap(ws: WorkspaceFixture, frequencyCap: { messages: number; days: number } | null, timeZone = "UTC") {
  await runService(await asMember(ws.workspaceId, ws.builderId), updateOutreachSettings, { timeZone, frequencyCap });
}

async function openConversationFor(ws: WorkspaceFixture, contactId: string) {
  await runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text: "I need help" });
}

describe("skip contacts who have an open conversation", () => {
  it("is on by default under an Audience Matched trigger, off under others, and can be set either way", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [busy, free] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Busy" }, { firstName: "Free" }]);
    await openConversationFor(ws, busy!);

    const audience = await publishOutreach(ws, { name: "Audience default" });
    await fanOut(ws, audience, [busy!, free!]);
    expect(await outcomes(audience.workflowId)).toEqual(new Map([[busy!, "skipped: has an open conversation"], [free!, "sent"]]));

    const manual = await publishOutreach(ws, { trigger: "manual", name: "Manual default" });
    await fanOut(ws, manual, [busy!], "manual");
    expect(await outcomes(manual.workflowId)).toEqual(new Map([[busy!, "sent"]]));

    const always = await publishOutreach(ws, { trigger: "manual", start: { skipOpenConversations: "always" }, name: "Manual, always" });
    await fanOut(ws, always, [busy!], "manual");
    expect(await outcomes(always.workflowId)).toEqual(new Map([[busy!, "skipped: has an open conversation"]]));

    const never = await publishOutreach(ws, { start: { skipOpenConversations: "never" }, name: "Audience, never" });
    await fanOut(ws, never, [busy!], "audience_matched");
    expect(await outcomes(never.workflowId)).toEqual(new Map([[busy!, "sent"]]));
  });
});

describe("workspace frequency cap", () => {
  it("is off by default; once set, counts every workflow's messages to the contact in the period", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [ann, bob, cy] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ann" }, { firstName: "Bob" }, { firstName: "Cy" }]);
    const options = { start: { skipOpenConversations: "never" } };
    const first = await publishOutreach(ws, { ...options, name: "First" });
    const second = await publishOutreach(ws, { ...options, name: "Second" });
    const third = await publishOutreach(ws, { ...options, name: "Third" });
    await fanOut(ws, first, [ann!, bob!]);
    await fanOut(ws, second, [ann!]);
    // Off: nobody was skipped although Ann already got two.
    expect([...(await outcomes(second.workflowId)).values()]).toEqual(["sent"]);

    await setCap(ws, { messages: 2, days: 7 });
    await fanOut(ws, third, [ann!, bob!, cy!]);
    expect(await outcomes(third.workflowId)).toEqual(new Map([[ann!, "skipped: frequency cap: 2 messages in 7 days"], [bob!, "sent"], [cy!, "sent"]]));

    // Messages older than the period no longer count.
    await getDb().execute(sql`UPDATE conversations SET created_at = now() - interval '8 days' WHERE contact_id = ${ann!}`);
    const fourth = await publishOutreach(ws, { ...options, name: "Fourth" });
    await fanOut(ws, fourth, [ann!, bob!]);
    expect(await outcomes(fourth.workflowId)).toEqual(new Map([[ann!, "sent"], [bob!, "skipped: frequency cap: 2 messages in 7 days"]]));
  });

  it("holds when two workflows fan out to the same contacts at once, without making unrelated contacts wait", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const shared = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 60 }, (_, i) => ({ firstName: `Shared ${i}` })));
    const others = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 20 }, (_, i) => ({ firstName: `Other ${i}` })));
    await setCap(ws, { messages: 1, days: 7 });
    const a = await publishOutreach(ws, { name: "A" });
    const b = await publishOutreach(ws, { name: "B" });
    const c = await publishOutreach(ws, { name: "C" });

    // A fans out and holds its transaction open (its messages are not committed yet).
    const first = await holdTransactionOpen((tx) =>
      enterAndAdvance(
        tx,
        { workspaceId: ws.workspaceId, plan: "enterprise", workflowId: a.workflowId, versionId: a.versionId, triggerNodeId: "trigger" },
        shared.map((contactId) => ({ contactId, triggerKey: `a:${contactId}` })),
      ),
    );
    // An unrelated fan-out to other contacts finishes while A is still open.
    await fanOut(ws, c, others);
    expect([...(await outcomes(c.workflowId)).values()].every((outcome) => outcome === "sent")).toBe(true);
    // B, to the same contacts, waits for A's locks…
    const second = fanOut(ws, b, shared);
    await waitUntilBlockedOnLock("%pg_advisory_xact_lock%", "the second fan-out to wait on the first");
    first.release();
    await first.committed;
    await second;
    // …then counts A's messages: every shared contact got exactly one message, from A.
    const fromA = await outcomes(a.workflowId);
    const fromB = await outcomes(b.workflowId);
    expect(shared.every((id) => fromA.get(id) === "sent")).toBe(true);
    expect(shared.every((id) => fromB.get(id) === "skipped: frequency cap: 1 message in 7 days")).toBe(true);
    const perContact = await getDb().execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM conversations WHERE workspace_id = ${ws.workspaceId} GROUP BY contact_id ORDER BY n DESC LIMIT 1`);
    expect(perContact.rows[0]!.n).toBe(1);
  });
});

describe("send window", () => {
  it("makes a run outside the window wait (a waiting row and a deadline job), then runs the step once it opens", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await setCap(ws, null, "Europe/London");
    const [tokyo, london, badZone] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Kei", attributes: { timezone: "Asia/Tokyo" } },
      { firstName: "Lou" },
      { firstName: "Max", attributes: { timezone: "Mars/Olympus" } },
    ]);
    // Fridays from 22:00 to 06:00 (crossing midnight), in the contact's zone or London's.
    const published = await publishOutreach(ws, { start: { sendWindow: { start: "22:00", end: "06:00", days: ["fri"] } } });

    // Friday 2026-03-06 14:00Z: 23:00 in Tokyo (inside), 14:00 in London (outside until 22:00Z).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-06T14:00:00Z") });
    await fanOut(ws, published, [tokyo!, london!, badZone!]);
    expect(await outcomes(published.workflowId)).toEqual(new Map([[tokyo!, "sent"], [london!, "waiting"], [badZone!, "waiting"]]));
    const waiting = await getDb().execute<{ id: string; wait_for: string; wait_until: Date; jobs: number }>(sql`
      SELECT r.id, r.wait_for, r.wait_until,
        (SELECT count(*)::int FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = 'workflow:wait-deadline' AND (j.payload::jsonb)->'runIds' ? r.id::text AND j.run_at = r.wait_until) AS jobs
      FROM workflow_runs r WHERE r.workflow_id = ${published.workflowId} AND r.status = 'waiting'`);
    expect(waiting.rows).toHaveLength(2);
    for (const row of waiting.rows) {
      expect(row.wait_for).toBe("send_window");
      expect(new Date(row.wait_until)).toEqual(new Date("2026-03-06T22:00:00Z"));
      expect(row.jobs).toBe(1);
    }

    // The deadline job at 22:00Z (London 22:00): the step runs now, and sends.
    vi.setSystemTime(new Date("2026-03-06T22:00:01Z"));
    await getDb().transaction((tx) => endExpiredWaits(tx, waiting.rows.map((row) => row.id)));
    expect(await outcomes(published.workflowId)).toEqual(new Map([[tokyo!, "sent"], [london!, "sent"], [badZone!, "sent"]]));
  });
});
