import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { signInAs } = await import("@/lib/testing/session-mock");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { mergeContacts, MERGE_DROPS, MERGE_MOVES } = await import("@/lib/contacts/contact-merge");
const { mergeContactsAction } = await import("@/lib/actions/contact-lifecycle");
const { resolveContact } = await import("@/lib/contacts/resolve-contact");
const { upsertContact } = await import("@/lib/contacts/upsert-contact");
const { aWorkflow, contactColumns, contactWithFootprint, rowsWith } = await import("./contact-footprint");

const db = getDb();
const fixture = await createWorkspaceFixture(db);
const workflow = await aWorkflow(fixture);
const admin = await asMember(fixture.workspaceId, fixture.builderId);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

describe("merging two contacts", () => {
  it("moves or drops every column that holds a contact id (a new one must be placed in MERGE_MOVES or MERGE_DROPS)", async () => {
    const columns = (await contactColumns()).map((c) => `${c.table}.${c.column}`);
    expect([...MERGE_MOVES, ...MERGE_DROPS].sort()).toEqual(columns.sort());
  });

  it("moves conversations, their messages, chat sessions, runs and aliases to the survivor, fields as chosen, and the merged external id resolves to the survivor", async () => {
    const a = await contactWithFootprint(fixture, workflow, { n: 11 });
    const b = await contactWithFootprint(fixture, workflow, { n: 12 });
    await db.execute(sql`UPDATE contacts SET attributes = '{"plan":"pro","city":"Paris"}', company = NULL WHERE id = ${a.contactId}`);
    await db.execute(sql`UPDATE contacts SET attributes = '{"plan":"team","seats":4}', company = 'Acme' WHERE id = ${b.contactId}`);

    // An agent may not merge.
    signInAs({ id: fixture.agentId });
    expect(await mergeContactsAction({ workspaceId: fixture.workspaceId, survivorId: a.contactId, mergedId: b.contactId })).toMatchObject({ ok: false, code: "forbidden" });

    signInAs({ id: fixture.builderId });
    const result = await mergeContactsAction({
      workspaceId: fixture.workspaceId,
      survivorId: a.contactId,
      mergedId: b.contactId,
      fields: { email: "merged", firstName: "survivor" },
      attributes: { plan: "merged" },
    });
    expect(result).toEqual({ ok: true, data: { contactId: a.contactId } });

    const [merged] = await rows<{ first_name: string; email: string; company: string; external_id: string; attributes: Record<string, unknown>; tags: string[] }>(
      sql`SELECT first_name, email, company, external_id, attributes, tags FROM contacts WHERE id = ${a.contactId}`,
    );
    expect(merged).toMatchObject({ first_name: "Person 11", company: "Acme", external_id: a.externalId, attributes: { plan: "team", city: "Paris", seats: 4 } });
    expect(merged!.email).toMatch(/^p12-/);
    expect([...merged!.tags].sort()).toEqual(["t11", "t12"]);
    expect(await rows(sql`SELECT id FROM contacts WHERE id = ${b.contactId}`)).toEqual([]);

    // Everything of both is now the survivor's.
    const conversations = await rows<{ id: string }>(sql`SELECT id FROM conversations WHERE contact_id = ${a.contactId}`);
    expect(conversations.map((c) => c.id).sort()).toEqual([...a.conversationIds, ...b.conversationIds].sort());
    const runs = await rows<{ id: string; trigger_key: string }>(sql`SELECT id, trigger_key FROM workflow_runs WHERE contact_id = ${a.contactId} ORDER BY created_at`);
    expect(runs.map((r) => r.id).sort()).toEqual([...a.runIds, ...b.runIds].sort());
    // Both had entered the same "once" workflow: the merged one's run keeps its history under its own key.
    expect(runs.find((r) => r.id === b.runIds[0])!.trigger_key).toBe(`once:merged:${b.runIds[0]}`);
    expect(await rowsWith("chat_sessions", "contact_id", a.contactId)).toBe(2);
    expect(await rowsWith("messages", "author_contact_id", a.contactId)).toBe(2);
    for (const column of await contactColumns()) expect(await rowsWith(column.table, column.column, b.contactId), `${column.table}.${column.column}`).toBe(0);

    // The merged contact's external id and its old aliases keep naming the person.
    expect((await resolveContact(db, fixture.workspaceId, { externalId: b.externalId })).id).toBe(a.contactId);
    expect((await resolveContact(db, fixture.workspaceId, { externalId: `old-${b.externalId}` })).id).toBe(a.contactId);
    // The API's PUT by that external id updates the survivor instead of creating someone new.
    const put = await runService(admin, upsertContact, { externalId: b.externalId, lastName: "Merged" });
    expect(put).toMatchObject({ created: false, contact: { id: a.contactId, lastName: "Merged", externalId: a.externalId } });

    const audit = await rows<{ action: string; target_id: string; data: Record<string, unknown> }>(
      sql`SELECT action, target_id, data FROM audit_log WHERE workspace_id = ${fixture.workspaceId} AND action = 'contact.merged'`,
    );
    expect(audit).toEqual([{ action: "contact.merged", target_id: a.contactId, data: { mergedContactId: b.contactId } }]);
  });

  it("keeping the merged contact's external id makes the survivor's old one an alias", async () => {
    const a = await contactWithFootprint(fixture, workflow, { n: 21 });
    const b = await contactWithFootprint(fixture, workflow, { n: 22 });
    await runService(admin, mergeContacts, { survivorId: a.contactId, mergedId: b.contactId, fields: { externalId: "merged" }, attributes: {} });
    const survivor = await resolveContact(db, fixture.workspaceId, { externalId: b.externalId });
    expect(survivor).toMatchObject({ id: a.contactId, externalId: b.externalId });
    expect((await resolveContact(db, fixture.workspaceId, { externalId: a.externalId })).id).toBe(a.contactId);
    expect(await rows(sql`SELECT external_id FROM contact_aliases WHERE external_id = ${b.externalId}`)).toEqual([]);
  });

  it("refuses a contact of another workspace and a contact merged with itself", async () => {
    const other = await createWorkspaceFixture(db);
    const a = await contactWithFootprint(fixture, workflow, { n: 31 });
    const stranger = await contactWithFootprint(other, await aWorkflow(other), { n: 32 });
    await expect(runService(admin, mergeContacts, { survivorId: a.contactId, mergedId: stranger.contactId, fields: {}, attributes: {} })).rejects.toMatchObject({ code: "not_found" });
    expect(await mergeContactsAction({ workspaceId: fixture.workspaceId, survivorId: a.contactId, mergedId: a.contactId })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await rowsWith("conversations", "contact_id", stranger.contactId)).toBe(2);
  });
  it("meets a condition goal of the survivor's runs when the merged tags or attributes match, and the runs it takes over keep their goal state", async () => {
    const { createContacts } = await import("@/lib/workflow/testing/workspace-fixture");
    const { workflows, workflowVersions } = await import("@/lib/db/schema/workflows");
    const [survivor, other] = await createContacts(db, fixture.workspaceId, [{ firstName: "Sue", tags: [] }, { firstName: "Otto", tags: ["paid"] }]);
    const graph = { nodes: [], edges: [] };
    const goal = { condition: { kind: "contact_matches", filter: { lastConversation: null, attributes: [], tags: { any: ["paid"], all: [], none: [] } } }, exitWhenMet: true };
    const [goalWorkflow] = await db.insert(workflows).values({ workspaceId: fixture.workspaceId, name: "Goal on merge", draftGraph: graph }).returning();
    const [version] = await db.insert(workflowVersions).values({ workspaceId: fixture.workspaceId, workflowId: goalWorkflow!.id, version: 1, graph, goal }).returning();
    const [otherWorkflow] = await db.insert(workflows).values({ workspaceId: fixture.workspaceId, name: "Converted before", draftGraph: graph }).returning();
    const [otherVersion] = await db.insert(workflowVersions).values({ workspaceId: fixture.workspaceId, workflowId: otherWorkflow!.id, version: 1, graph, goal }).returning();
    const [waiting] = await rows<{ id: string }>(sql`
      INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key, status, current_node_id, wait_for, wait_until)
      VALUES (${fixture.workspaceId}, ${goalWorkflow!.id}, ${version!.id}, ${survivor}, 'manual:1', 'waiting', 'w', 'timer', now() + interval '1 day') RETURNING id`);
    const [converted] = await rows<{ id: string; goal_met_at: string }>(sql`
      INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key, status, current_node_id, goal_met_at, finished_at)
      VALUES (${fixture.workspaceId}, ${otherWorkflow!.id}, ${otherVersion!.id}, ${other}, 'manual:1', 'completed', 'w', now() - interval '1 hour', now() - interval '1 hour')
      RETURNING id, goal_met_at::text`);

    await runService(admin, mergeContacts, { survivorId: survivor!, mergedId: other!, fields: {}, attributes: {} });

    const [run] = await rows<{ status: string; goal_met_at: string | null; wait_until: string | null }>(sql`SELECT status, goal_met_at, wait_until FROM workflow_runs WHERE id = ${waiting!.id}`);
    expect(run).toMatchObject({ status: "completed", wait_until: null });
    expect(run!.goal_met_at).not.toBeNull();
    const [moved] = await rows<{ contact_id: string; goal_met_at: string }>(sql`SELECT contact_id, goal_met_at::text FROM workflow_runs WHERE id = ${converted!.id}`);
    expect(moved).toEqual({ contact_id: survivor, goal_met_at: converted!.goal_met_at });
  });
});
