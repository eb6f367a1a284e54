import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT as upsertContact } from "@/app/api/v1/contacts/[externalId]/route";
import { POST as runWorkflow } from "@/app/api/v1/workflows/[workflowId]/runs/route";
import { getDb } from "@/lib/db/client";
import { DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { ACME_WORKSPACE_ID, GLOBEX_WORKSPACE_ID, aContact, call, count, errorCode, keyFor } from "./api-fixtures";

await useTestDatabase();

let acmeKey: string;
let globexKey: string;
beforeAll(async () => {
  await seedDemoData(getDb());
  acmeKey = await keyFor(ACME_WORKSPACE_ID);
  globexKey = await keyFor(GLOBEX_WORKSPACE_ID);
});

describe("PUT /api/v1/contacts/{externalId}", () => {
  const put = (externalId: string, body: unknown, options: { key?: string; rawBody?: string } = {}) =>
    call(upsertContact, { method: "PUT", path: `/api/v1/contacts/${encodeURIComponent(externalId)}`, key: options.key ?? acmeKey, body, rawBody: options.rawBody, params: { externalId } });

  it("creates a contact (201), then updates only the fields sent (200)", async () => {
    const created = await put("crm-1", { firstName: "Ada", email: "ada@example.com", phone: "+1 (415) 555-0123", attributes: { plan: "pro", seats: 3 }, tags: ["vip"] });
    expect(created.status).toBe(201);
    expect(created.json.contact).toMatchObject({ externalId: "crm-1", firstName: "Ada", phone: "+14155550123", attributes: { plan: "pro", seats: 3 }, tags: ["vip"] });

    const updated = await put("crm-1", { lastName: "Lovelace", attributes: { seats: null, city: "London" } });
    expect(updated.status).toBe(200);
    expect(updated.json.contact).toMatchObject({
      id: (created.json.contact as { id: string }).id,
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      attributes: { plan: "pro", city: "London" },
      tags: ["vip"],
    });
  });

  it("keeps workspaces apart: the same external id in another workspace is another contact", async () => {
    await put("crm-shared", { firstName: "Acme's" });
    const globex = await put("crm-shared", { firstName: "Globex's" }, { key: globexKey });
    expect(globex.status).toBe(201);
    const acme = await put("crm-shared", {});
    expect((acme.json.contact as { firstName: string }).firstName).toBe("Acme's");
  });

  it("creates one contact when two requests for a new external id race", async () => {
    const responses = await Promise.all([put("crm-race", { firstName: "A" }), put("crm-race", { firstName: "B" })]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE external_id = 'crm-race'`);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it.each<[string, unknown, number]>([
    ["an invalid phone number", { phone: "12" }, 400],
    ["an unknown field", { nickname: "Ada" }, 400],
    ["a wrong type", { firstName: 42 }, 400],
    ["a bad attribute key", { attributes: { "Bad Key": 1 } }, 400],
    ["an attribute object", { attributes: { nested: { a: 1 } } }, 400],
  ])("refuses %s without writing", async (_label, body, status) => {
    const before = await count("contacts");
    const response = await put("crm-bad", body);
    expect(response.status).toBe(status);
    expect(await count("contacts")).toBe(before);
  });

  it("refuses malformed JSON and oversized bodies without writing", async () => {
    const before = await count("contacts");
    expect((await put("crm-bad", undefined, { rawBody: "{" })).status).toBe(400);
    expect((await put("crm-bad", { company: "x".repeat(300 * 1024) })).status).toBe(413);
    expect(await count("contacts")).toBe(before);
  });

  it("needs contacts:write", async () => {
    const key = await keyFor(ACME_WORKSPACE_ID, ["conversations:write"]);
    const response = await put("crm-2", { firstName: "Grace" }, { key });
    expect(response.status).toBe(403);
    expect(errorCode(response.json)).toBe("insufficient_scope");
  });
});

describe("POST /api/v1/workflows/{id}/runs", () => {
  let workflowId: string;
  const run = (id: string, body: unknown, options: { key?: string; headers?: Record<string, string> } = {}) =>
    call(runWorkflow, { path: `/api/v1/workflows/${id}/runs`, key: options.key ?? acmeKey, body, headers: options.headers, params: { workflowId: id } });

  beforeAll(async () => {
    const created = await runService(await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id), createWorkflow, { name: "API welcome" });
    workflowId = created.workflowId;
    const graph = {
      nodes: [
        node("trigger", "manual"),
        node("start", "start_conversation", { message: message("Welcome, {{first_name | fallback: \"friend\"}}!"), senderUserId: DEMO_USERS[0].id, openMode: "after_reply" }),
      ],
      edges: [edge("trigger", "start")],
    };
    const saved = await runService(await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id), saveDraft, { workflowId, graph, expectedRevision: created.revision });
    expect(saved).toBeTruthy();
    await runService(await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id), publishWorkflow, { workflowId });
  });

  it("runs the published workflow on contacts named any way, once per Idempotency-Key", async () => {
    const ada = await aContact(ACME_WORKSPACE_ID, sql`first_name = 'Ada'`);
    const grace = await aContact(ACME_WORKSPACE_ID, sql`first_name = 'Grace'`);
    const headers = { "Idempotency-Key": "welcome-batch-1" };
    const body = { contacts: [{ id: ada.id }, { email: grace.email }] };
    const response = await run(workflowId, body, { headers });
    expect(response.status).toBe(202);
    expect((response.json.runIds as string[]).length).toBe(2);
    const before = await count("workflow_runs");
    const replay = await run(workflowId, body, { headers });
    expect(replay.json).toEqual(response.json);
    expect(await count("workflow_runs")).toBe(before);
  });

  it("is 404 for another workspace's workflow or contact, and writes nothing", async () => {
    const globexContact = await aContact(GLOBEX_WORKSPACE_ID);
    const ada = await aContact(ACME_WORKSPACE_ID);
    const before = await count("workflow_runs");
    expect((await run(workflowId, { contacts: [{ id: ada.id }] }, { key: globexKey })).status).toBe(404);
    expect((await run(workflowId, { contacts: [{ id: globexContact.id }] })).status).toBe(404);
    expect(await count("workflow_runs")).toBe(before);
  });

  it("refuses bad input", async () => {
    expect((await run(workflowId, { contacts: [] })).status).toBe(400);
    expect((await run(workflowId, { contacts: [{ id: "x" }] })).status).toBe(400);
    expect((await run(workflowId, { contactIds: [] })).status).toBe(400);
    expect((await run("not-a-uuid", { contacts: [{ externalId: "x" }] })).status).toBe(404);
  });

  it("needs workflows:run", async () => {
    const key = await keyFor(ACME_WORKSPACE_ID, ["contacts:write"]);
    expect((await run(workflowId, { contacts: [{ externalId: "x" }] }, { key })).status).toBe(403);
  });
});
