import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getWorkflow, listVersions } from "@/lib/db/queries/workflows";
import { SafeError } from "@/lib/errors";
import { useTestDatabase } from "@/lib/testing/test-database";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { audienceFilterSchema } from "@/lib/workflow/audience/audience-filter";
import { previewAudience } from "@/lib/workflow/service/audience-preview";
import { pauseWorkflow, publishWorkflow, restoreVersion, resumeWorkflow } from "@/lib/workflow/service/publish";
import { runManual } from "@/lib/workflow/service/run-manual";
import { createWorkflow, deleteWorkflow, duplicateWorkflow, renameWorkflow, saveDraft, validateDraft } from "@/lib/workflow/service/workflows";
import { edge, message, node, reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

let ws: WorkspaceFixture;
let other: WorkspaceFixture;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
});

async function caught(promise: Promise<unknown>): Promise<SafeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SafeError)) throw new Error(`expected a SafeError, got ${String(error)}`);
  return error;
}

async function count(table: "workflow_versions" | "workflow_runs" | "conversations" | "audit_log" | "workflows", workspaceId: string) {
  const rows = await getDb().execute<{ n: string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE workspace_id = ${workspaceId}`);
  return Number(rows.rows[0]!.n);
}

const manualGraph = (senderUserId: string) => ({
  nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hello {{first_name | fallback: \"there\"}}"), senderUserId })],
  edges: [edge("t", "s")],
});

describe("workflow builder services", () => {
  it("creates, renames, duplicates and deletes workflows inside the workspace only", async () => {
    const { workflowId } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Welcome" });
    await runService(await asMember(ws.workspaceId, ws.builderId), renameWorkflow, { workflowId, name: "Welcome v2" });
    expect((await getWorkflow(getDb(), ws.workspaceId, workflowId)).name).toBe("Welcome v2");
    const copy = await runService(await asMember(ws.workspaceId, ws.builderId), duplicateWorkflow, { workflowId });
    expect((await getWorkflow(getDb(), ws.workspaceId, copy.workflowId)).name).toBe("Copy of Welcome v2");

    expect((await caught(runService(await asMember(other.workspaceId, other.builderId), renameWorkflow, { workflowId, name: "Mine" }))).code).toBe("not_found");
    expect((await caught(runService(await asMember(other.workspaceId, other.builderId), deleteWorkflow, { workflowId }))).code).toBe("not_found");
    await runService(await asMember(ws.workspaceId, ws.builderId), deleteWorkflow, { workflowId: copy.workflowId });
    expect((await caught(getWorkflow(getDb(), ws.workspaceId, copy.workflowId))).code).toBe("not_found");
  });

  it("detects a save from a stale tab instead of overwriting", async () => {
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Drafts" });
    const first = await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph: manualGraph(ws.builderId), expectedRevision: revision });
    expect(first.revision).toBe(revision + 1);
    expect(first.issues).toEqual([]);
    const stale = await caught(runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph: { nodes: [], edges: [] }, expectedRevision: revision }));
    expect(stale).toMatchObject({ code: "draft_conflict", status: 409, details: { currentRevision: revision + 1 } });
    expect(((await getWorkflow(getDb(), ws.workspaceId, workflowId)).draftGraph as { nodes: unknown[] }).nodes).toHaveLength(2);
  });

  it("saves an incomplete draft, but refuses malformed graphs, unknown types and configs that fail their schema", async () => {
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Bad input" });
    const incomplete = await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, {
      workflowId,
      graph: { nodes: [node("t", "manual"), node("s", "start_conversation")], edges: [edge("t", "s")] },
      expectedRevision: revision,
    });
    expect(incomplete.issues.map((issue) => issue.field)).toEqual(["message", "senderUserId"]);

    for (const graph of [
      "not a graph",
      { nodes: [node("x", "teleport" as never)], edges: [] },
      { nodes: [node("w", "wait", { duration: { amount: -1, unit: "days" } })], edges: [] },
    ]) {
      const error = await caught(runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph, expectedRevision: incomplete.revision }));
      expect(error.code).toBe("invalid_graph");
      expect((error.details as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    }
    expect((await getWorkflow(getDb(), ws.workspaceId, workflowId)).draftRevision).toBe(incomplete.revision);
  });

  it("publishes nothing from an invalid draft and explains each problem per node", async () => {
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Invalid" });
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, {
      workflowId,
      graph: {
        nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hi {{nickname}}"), senderUserId: other.builderId })],
        edges: [edge("t", "s")],
      },
      expectedRevision: revision,
    });
    const versionsBefore = await count("workflow_versions", ws.workspaceId);
    const auditBefore = await count("audit_log", ws.workspaceId);
    const error = await caught(runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId }));
    expect(error.code).toBe("invalid_graph");
    expect((error.details as { issues: unknown[] }).issues).toEqual([
      { nodeId: "s", field: "message", message: "{{nickname}} is neither a built-in variable nor an attribute any contact in this workspace has." },
      { nodeId: "s", field: "senderUserId", message: "The sender is not a member of this workspace. Choose another agent." },
    ]);
    expect(await count("workflow_versions", ws.workspaceId)).toBe(versionsBefore);
    expect(await count("audit_log", ws.workspaceId)).toBe(auditBefore);
    expect((await getWorkflow(getDb(), ws.workspaceId, workflowId)).status).toBe("draft");
    expect((await runService(await asMember(ws.workspaceId, ws.builderId), validateDraft, { workflowId })).issues).toHaveLength(2);
  });

  it("publishes immutable numbered versions, lists them, and restores one into the draft", async () => {
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Versions" });
    const saved = await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph: manualGraph(ws.builderId), expectedRevision: revision });
    const v1 = await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId, expectedRevision: saved.revision });
    expect(v1.version).toBe(1);
    const changed = reengagementGraph({ senderUserId: ws.builderId });
    const saved2 = await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph: changed, expectedRevision: saved.revision });
    expect((await caught(runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId, expectedRevision: saved.revision }))).code).toBe("draft_conflict");
    const v2 = await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId, expectedRevision: saved2.revision });
    expect(v2.version).toBe(2);

    const detail = await getWorkflow(getDb(), ws.workspaceId, workflowId);
    expect(detail).toMatchObject({ status: "live", liveVersionId: v2.versionId, liveVersion: 2 });
    expect(detail.lastPublishedAt).toBeInstanceOf(Date);
    const versions = await listVersions(getDb(), ws.workspaceId, workflowId);
    expect(versions.map((v) => [v.version, v.live, v.publishedByName])).toEqual([
      [2, true, "Bea Builder"],
      [1, false, "Bea Builder"],
    ]);
    const audits = await getDb().execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE target_id = ${workflowId} AND action = 'workflow.published'`);
    expect(audits.rows).toHaveLength(2);
    // A published version can never change.
    const immutable = await getDb().execute(sql`UPDATE workflow_versions SET graph = '{}' WHERE id = ${v1.versionId}`).catch((e: unknown) => e);
    expect(immutable).toBeInstanceOf(Error);

    const restored = await runService(await asMember(ws.workspaceId, ws.builderId), restoreVersion, { workflowId, versionId: v1.versionId });
    const draft = await getWorkflow(getDb(), ws.workspaceId, workflowId);
    expect(draft.draftRevision).toBe(restored.revision);
    expect((draft.draftGraph as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(["t", "s"]);
    expect(draft.liveVersionId).toBe(v2.versionId);
    expect((await caught(runService(await asMember(other.workspaceId, other.builderId), restoreVersion, { workflowId, versionId: v1.versionId }))).code).toBe("not_found");
  });

  it("refuses third-party fields on the free plan when publishing", async () => {
    const free = await createWorkspaceFixture(getDb(), { plan: "free" });
    const { workflowId, revision } = await runService(await asMember(free.workspaceId, free.builderId), createWorkflow, { name: "Free" });
    await runService(await asMember(free.workspaceId, free.builderId), saveDraft, {
      workflowId,
      graph: {
        nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hi"), senderUserId: free.builderId, channelId: free.smsChannelId })],
        edges: [edge("t", "s")],
      },
      expectedRevision: revision,
    });
    const error = await caught(runService(await asMember(free.workspaceId, free.builderId), publishWorkflow, { workflowId }));
    expect((error.details as { issues: { code?: string }[] }).issues[0]).toMatchObject({ nodeId: "s", field: "channelId", code: "enterprise_required" });
  });

  it("runs on chosen contacts only when live, only with the workspace's contacts, and writes nothing otherwise", async () => {
    const [mine] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Mia" }]);
    const [theirs] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Theo" }]);
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Manual" });
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph: manualGraph(ws.builderId), expectedRevision: revision });

    expect((await caught(runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [mine!] }))).code).toBe("workflow_not_live");
    await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId });
    const runsBefore = await count("workflow_runs", ws.workspaceId);
    expect((await caught(runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [mine!, theirs!] }))).code).toBe("not_found");
    expect((await caught(runService(await asMember(other.workspaceId, other.builderId), runManual, { test: false, workflowId, contactIds: [theirs!] }))).code).toBe("not_found");
    expect(await count("workflow_runs", ws.workspaceId)).toBe(runsBefore);

    await runService(await asMember(ws.workspaceId, ws.builderId), pauseWorkflow, { workflowId });
    const paused = await caught(runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [mine!] }));
    expect(paused).toMatchObject({ code: "workflow_paused", message: "This workflow is paused. Resume it before running it on contacts." });
    expect(await count("workflow_runs", ws.workspaceId)).toBe(runsBefore);

    await runService(await asMember(ws.workspaceId, ws.builderId), resumeWorkflow, { workflowId });
    const started = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [mine!], requestId: "req-1" });
    expect(started.runIds).toHaveLength(1);
    // The same request again (an API retry) enters nobody twice.
    expect((await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [mine!], requestId: "req-1" })).runIds).toEqual([]);
  });

  it("previews an audience: count and a sample, from this workspace only", async () => {
    await createContacts(getDb(), ws.workspaceId, [
      { firstName: "P1", attributes: { plan: "pro", seats: 12 }, tags: ["preview"] },
      { firstName: "P2", attributes: { plan: "Pro team", seats: 3 }, tags: ["preview", "churned"] },
      { firstName: "P3", attributes: { plan: "free", seats: "many" }, tags: ["preview"] },
    ]);
    await createContacts(getDb(), other.workspaceId, [{ firstName: "Elsewhere", tags: ["preview"] }]);
    const preview = async (filter: object) =>
      runService(await asMember(ws.workspaceId, ws.builderId), previewAudience, {
        filter: audienceFilterSchema.parse({ lastConversation: null, attributes: [], tags: { any: [], all: [], none: [] }, ...filter }),
      });
    expect((await preview({ tags: { any: ["preview"], all: [], none: [] } })).count).toBe(3);
    expect((await preview({ tags: { any: [], all: ["preview"], none: ["churned"] } })).count).toBe(2);
    expect((await preview({ attributes: [{ key: "plan", op: "contains", value: "PRO" }] })).sample.map((c) => c.name).sort()).toEqual(["P1", "P2"]);
    expect((await preview({ attributes: [{ key: "plan", op: "eq", value: "pro" }] })).count).toBe(1);
    expect((await preview({ attributes: [{ key: "seats", op: "gt", value: 5 }] })).sample.map((c) => c.name)).toEqual(["P1"]);
    expect((await preview({ attributes: [{ key: "seats", op: "lt", value: 5 }] })).sample.map((c) => c.name)).toEqual(["P2"]);
    const withPlan = (await preview({ tags: { any: ["preview"], all: [], none: [] }, attributes: [{ key: "plan", op: "neq", value: "free" }] })).count;
    expect(withPlan).toBe(2);
    expect((await preview({ tags: { any: ["preview"], all: [], none: [] }, attributes: [{ key: "seats", op: "not_exists", value: null }] })).count).toBe(0);
  });
});
