import { afterAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { startRuns } = await import("@/lib/workflow/engine/start-runs");
const { edge, message, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph } = await import("@/lib/workflow/testing/scenario");
const { createContacts, createWorkspaceFixture, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { useWorkspaceWithWorker } = await import("@/lib/workflow/testing/workspace-with-worker");
const { stopLiveListener } = await import("@/lib/live/listener");
const eventsRoute = await import("@/app/api/events/route");

const { ws } = await useWorkspaceWithWorker(url);
afterAll(() => stopLiveListener());

/** Opens GET /api/events as the signed-in user and collects the text it streams. */
async function openStream(workspaceId: string) {
  const abort = new AbortController();
  const response = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${workspaceId}`, { signal: abort.signal }));
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const stream = { text: "", close: () => abort.abort() };
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      stream.text += new TextDecoder().decode(chunk.value);
    }
  })();
  await waitFor(async () => stream.text.includes("event: ready"), { what: "the stream to be ready" });
  return stream;
}

/** Publishes Manual → Start a Conversation and starts a run for one contact; the worker moves it. */
async function runThrough(workspace: { workspaceId: string; builderId: string; agentId: string }) {
  const published = await publishGraph(workspace.workspaceId, workspace.builderId, {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hello"), senderUserId: workspace.agentId })],
    edges: [edge("t", "s")],
  });
  const [contact] = await createContacts(getDb(), workspace.workspaceId, [{ firstName: "Ann" }]);
  await getDb().transaction((tx) =>
    startRuns(tx, { workspaceId: workspace.workspaceId, workflowId: published.workflowId, versionId: published.versionId, triggerNodeId: "t" }, [
      { contactId: contact!, triggerKey: "once", context: {} },
    ]),
  );
  return published.workflowId;
}

const workflowEvent = (workflowId: string) => `event: workflow\ndata: ${JSON.stringify({ type: "workflow.runs_moved", workflowId })}`;

describe("live workflow events", () => {
  it("a run moving through a published workflow is announced to that workspace's members, and to no one else", async () => {
    const other = await createWorkspaceFixture(getDb());
    signInAs({ id: ws.agentId });
    const ours = await openStream(ws.workspaceId);
    signInAs({ id: other.agentId });
    const theirs = await openStream(other.workspaceId);
    try {
      const workflowId = await runThrough(ws);
      await waitFor(async () => ours.text.includes(workflowEvent(workflowId)), { what: "the workflow event" });
      // Not a `change`: the inbox of the workspace does not re-render for runs moving.
      expect(ours.text).not.toContain("event: change");

      // NOTIFYs reach every stream in commit order, so once the other workspace's own event is
      // there, ours would be there too if it leaked.
      const otherWorkflowId = await runThrough(other);
      await waitFor(async () => theirs.text.includes(workflowEvent(otherWorkflowId)), { what: "the other workspace's event" });
      expect(theirs.text).not.toContain(workflowId);
      expect(ours.text).not.toContain(otherWorkflowId);
    } finally {
      ours.close();
      theirs.close();
    }
  });
});
