import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { enterAndAdvance } = await import("@/lib/workflow/engine/advance-runs");
const { edge, message, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph } = await import("@/lib/workflow/testing/scenario");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const runsRoute = await import("@/app/api/workspaces/[workspaceId]/workflows/[workflowId]/runs/route");
const countsRoute = await import("@/app/api/workspaces/[workspaceId]/workflows/[workflowId]/node-counts/route");
const versionsRoute = await import("@/app/api/workspaces/[workspaceId]/workflows/[workflowId]/versions/route");
const draftRoute = await import("@/app/api/workspaces/[workspaceId]/workflows/[workflowId]/route");
const runLogRoute = await import("@/app/api/workspaces/[workspaceId]/runs/[runId]/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;
let workflowId: string;

const get = (handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>, params: Record<string, string>, query = "") =>
  handler(new Request(`http://localhost/api/test${query}`), { params: Promise.resolve(params) });

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const published = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId })],
    edges: [edge("t", "s")],
  });
  workflowId = published.workflowId;
  const contacts = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }, { email: "x@example.com" }, { firstName: "Bo" }]);
  await getDb().transaction((tx) =>
    enterAndAdvance(
      tx,
      { workspaceId: ws.workspaceId, plan: "enterprise", workflowId, versionId: published.versionId, triggerNodeId: "t" },
      contacts.map((contactId) => ({ contactId, triggerKey: contactId })),
    ),
  );
});

describe("the editor's read routes", () => {
  it("answer a member (an agent too) with the workflow's runs, filtered and paged, its counts, versions, draft and a run's log", async () => {
    signInAs({ id: ws.agentId });
    const params = { workspaceId: ws.workspaceId, workflowId };

    const firstPage = await get(runsRoute.GET, params, "?limit=2");
    expect(firstPage.status).toBe(200);
    expect(firstPage.headers.get("cache-control")).toContain("no-store");
    const page = (await firstPage.json()) as { items: { id: string; status: string; contactName: string }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    const rest = (await (await get(runsRoute.GET, params, `?limit=2&cursor=${page.nextCursor}`)).json()) as typeof page;
    expect(rest).toMatchObject({ nextCursor: null });
    expect(new Set([...page.items, ...rest.items].map((run) => run.id)).size).toBe(3);

    const failed = (await (await get(runsRoute.GET, params, "?status=failed&nodeId=s")).json()) as typeof page;
    expect(failed.items.map((run) => [run.status, run.contactName])).toEqual([["failed", "x@example.com"]]);

    const counts = await (await get(countsRoute.GET, params)).json();
    expect(counts).toMatchObject({ t: { entered: 3 }, s: { entered: 3, errors: 1, sent: 2 } });

    const versions = await (await get(versionsRoute.GET, params)).json();
    expect(versions).toMatchObject([{ version: 1, live: true, publishedByName: "Bea Builder" }]);

    const draft = await (await get(draftRoute.GET, params)).json();
    expect(draft).toMatchObject({ draftRevision: 1, draftGraph: { nodes: [{ id: "t" }, { id: "s" }] } });

    const log = await (await get(runLogRoute.GET, { workspaceId: ws.workspaceId, runId: failed.items[0]!.id })).json();
    expect(log).toMatchObject({ run: { status: "failed", currentNodeId: "s" }, steps: [{ nodeId: "s", status: "error" }] });
  });

  it("refuse without a session (401), outside the workspace (404, as if it did not exist) and on a bad query (400)", async () => {
    const params = { workspaceId: ws.workspaceId, workflowId };
    signedIn.user = null;
    const anonymous = await get(countsRoute.GET, params);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    signInAs({ id: other.agentId });
    for (const response of [
      await get(countsRoute.GET, params),
      await get(runsRoute.GET, params),
      await get(versionsRoute.GET, params),
      await get(draftRoute.GET, params),
      // Their own workspace, our workflow: not found either.
      await get(countsRoute.GET, { workspaceId: other.workspaceId, workflowId }),
      await get(runsRoute.GET, { workspaceId: other.workspaceId, workflowId }),
      await get(versionsRoute.GET, { workspaceId: other.workspaceId, workflowId }),
      await get(draftRoute.GET, { workspaceId: other.workspaceId, workflowId }),
      await get(countsRoute.GET, { workspaceId: other.workspaceId, workflowId: "not-a-uuid" }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const ourRun = (await (await get(runsRoute.GET, params, "?limit=1")).json()) as { items: { id: string }[] };
    expect(ourRun.items).toBeUndefined();

    signInAs({ id: ws.agentId });
    const [run] = ((await (await get(runsRoute.GET, params, "?limit=1")).json()) as { items: { id: string }[] }).items;
    signInAs({ id: other.agentId });
    expect((await get(runLogRoute.GET, { workspaceId: other.workspaceId, runId: run!.id })).status).toBe(404);

    signInAs({ id: ws.agentId });
    for (const query of ["?status=lost", "?cursor=123", "?limit=0", "?limit=abc"]) {
      const response = await get(runsRoute.GET, params, query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_input" } });
    }
  });
});
