import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { workflows } from "@/lib/db/schema/workflows";
import { getNodeCounts, listRuns, listWorkflows } from "@/lib/db/queries/workflows";
import { useTestDatabase } from "@/lib/testing/test-database";
import { enterAndAdvance } from "@/lib/workflow/engine/advance-runs";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import type { RunSummary } from "@/lib/workflow/workflow-summaries";

await useTestDatabase();

let ws: WorkspaceFixture;
let other: WorkspaceFixture;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
});

/** Manual → Start a Conversation ("Hi {{first_name}}", no fallback) → Add note: a contact with no first name fails at "s". */
function greetingGraph(senderUserId: string, triggerId = "t") {
  return {
    nodes: [
      node(triggerId, "manual"),
      node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId, openMode: "immediately" }),
      node("n", "add_note", { message: message("noted") }),
    ],
    edges: [edge(triggerId, "s"), edge("s", "n")],
  };
}

/** Enters contacts at the live version's trigger and runs them, as the engine does for a batch. */
async function runOn(workflowId: string, versionId: string, contactIds: string[], triggerNodeId = "t") {
  await getDb().transaction((tx) =>
    enterAndAdvance(
      tx,
      { workspaceId: ws.workspaceId, plan: "enterprise", workflowId, versionId, triggerNodeId },
      contactIds.map((contactId) => ({ contactId, triggerKey: `k-${contactId}` })),
    ),
  );
}

async function allPages(workspaceId: string, options: Omit<Parameters<typeof listRuns>[2], "cursor">): Promise<RunSummary[][]> {
  const pages: RunSummary[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listRuns(getDb(), workspaceId, { ...options, cursor });
    pages.push(page.items);
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

describe("the run history query", () => {
  let workflowId: string;
  let named: string[];
  let nameless: string[];

  beforeAll(async () => {
    const published = await publishGraph(ws.workspaceId, ws.builderId, greetingGraph(ws.agentId), "History");
    workflowId = published.workflowId;
    named = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }, { firstName: "Grace" }, { firstName: "Alan" }]);
    nameless = await createContacts(getDb(), ws.workspaceId, [{ email: "nobody@example.com" }, { phone: "+15550100" }]);
    // Two batches: the second batch's runs are newer; inside a batch runs share created_at.
    await runOn(workflowId, published.versionId, [named[0]!, nameless[0]!, named[1]!]);
    await runOn(workflowId, published.versionId, [nameless[1]!, named[2]!]);
  });

  it("pages newest first with no run twice and none left out, ties on created_at broken by id", async () => {
    const pages = await allPages(ws.workspaceId, { workflowId, limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const runs = pages.flat();
    expect(new Set(runs.map((run) => run.id)).size).toBe(5);
    const order = runs.map((run) => [run.createdAt, run.id].join(" "));
    expect(order).toEqual([...order].sort().reverse());
    expect(new Set(runs.map((run) => run.contactId))).toEqual(new Set([...named, ...nameless]));
  });

  it("filters by status and by the step a run failed at, and names contacts the one way", async () => {
    const failed = await listRuns(getDb(), ws.workspaceId, { workflowId, status: "failed" });
    expect(failed.items.map((run) => run.contactId).sort()).toEqual([...nameless].sort());
    expect(failed.items.every((run) => run.currentNodeId === "s" && run.error !== null)).toBe(true);
    // contactDisplayName: no name, so the email, else the phone.
    expect(failed.items.map((run) => run.contactName).sort()).toEqual(["+15550100", "nobody@example.com"]);

    const failedAtStart = await allPages(ws.workspaceId, { workflowId, status: "failed", nodeId: "s", limit: 1 });
    expect(failedAtStart.flat().map((run) => run.contactId).sort()).toEqual([...nameless].sort());
    expect((await listRuns(getDb(), ws.workspaceId, { workflowId, status: "failed", nodeId: "n" })).items).toEqual([]);

    const completed = await listRuns(getDb(), ws.workspaceId, { workflowId, status: "completed" });
    expect(completed.items.map((run) => run.contactName).sort()).toEqual(["Ada", "Alan", "Grace"]);
    expect(completed.nextCursor).toBeNull();
  });

  it("is scoped to the workspace: another workspace's workflow, and a cursor from it, read as nothing", async () => {
    await expect(listRuns(getDb(), other.workspaceId, { workflowId })).rejects.toMatchObject({ code: "not_found" });
    const theirs = await publishGraph(other.workspaceId, other.builderId, greetingGraph(other.agentId), "Theirs");
    const [contact] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Zed" }]);
    await getDb().transaction((tx) =>
      enterAndAdvance(
        tx,
        { workspaceId: other.workspaceId, plan: "enterprise", workflowId: theirs.workflowId, versionId: theirs.versionId, triggerNodeId: "t" },
        [{ contactId: contact!, triggerKey: "k" }],
      ),
    );
    const [foreignRun] = (await listRuns(getDb(), other.workspaceId, { workflowId: theirs.workflowId })).items;
    expect((await listRuns(getDb(), ws.workspaceId, { workflowId, cursor: foreignRun!.id })).items).toEqual([]);
  });
});

describe("node counts", () => {
  it("count entries at the live version's trigger, not at the draft's", async () => {
    const published = await publishGraph(ws.workspaceId, ws.builderId, greetingGraph(ws.agentId, "t"), "Trigger moved");
    // The draft has moved on: its trigger is another node now.
    await getDb()
      .update(workflows)
      .set({ draftGraph: greetingGraph(ws.agentId, "t2") })
      .where(eq(workflows.id, published.workflowId));
    const contacts = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ann" }, { firstName: "Ben" }, { email: "c@example.com" }]);
    await runOn(published.workflowId, published.versionId, contacts);

    const counts = await getNodeCounts(getDb(), ws.workspaceId, published.workflowId);
    expect(counts.t).toMatchObject({ entered: 3 });
    expect(counts.t2).toBeUndefined();
    expect(counts.s).toMatchObject({ entered: 3, errors: 1, sent: 2 });
    expect(counts.n).toMatchObject({ entered: 2 });
    await expect(getNodeCounts(getDb(), other.workspaceId, published.workflowId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the workflow list", () => {
  it("lists the workspace's workflows only, with the live trigger and counts without test runs", async () => {
    const list = await listWorkflows(getDb(), ws.workspaceId);
    const moved = list.find((item) => item.name === "Trigger moved");
    expect(moved).toMatchObject({ status: "live", triggerType: "manual", counts: { entered: 3, sent: 2, started: 2 } });
    expect(list.map((item) => item.name)).not.toContain("Theirs");
  });
});
