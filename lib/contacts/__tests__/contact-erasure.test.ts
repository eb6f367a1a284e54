import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { signInAs } = await import("@/lib/testing/session-mock");
const { runService } = await import("@/lib/services/run-service");
const { asMember, asSystem } = await import("@/lib/testing/service-scope");
const { createWorkspaceFixture, createManyContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { eraseContact, eraseMatchingContacts, eraseNextBatch, ERASE_NOW_LIMIT } = await import("@/lib/contacts/contact-erasure");
const { eraseContactAction, eraseMatchingContactsAction } = await import("@/lib/actions/contact-lifecycle");
const { searchContacts } = await import("@/lib/db/queries/contacts");
const { listInboxConversations } = await import("@/lib/db/queries/inbox");
const { getThreadConversation } = await import("@/lib/db/queries/conversation-thread");
const { readConversation } = await import("@/lib/api/read-conversation");
const { resolveContact } = await import("@/lib/contacts/resolve-contact");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { audienceFilterSchema } = await import("@/lib/workflow/audience/audience-filter");
const { previewAudience } = await import("@/lib/workflow/service/audience-preview");
const { aWorkflow, anApiKey, contactColumns, contactWithFootprint, integrateChannels, rowsWith } = await import("./contact-footprint");

const db = getDb();
const fixture = await createWorkspaceFixture(db);
const other = await createWorkspaceFixture(db);

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await db.execute<{ n: number }>(query);
  return result.rows[0]!.n;
}

/** Every row of every table, as text, that contains `needle`: the proof that nothing of a person is left. */
async function tablesMentioning(needle: string): Promise<string[]> {
  const tables = await db.execute<{ table: string }>(sql`
    SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const found: string[] = [];
  for (const { table } of tables.rows) {
    const hits = await count(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} t WHERE strpos(row_to_json(t)::text, ${needle}) > 0`);
    if (hits > 0) found.push(table);
  }
  return found;
}

describe("erasing a contact", () => {
  let erased: Awaited<ReturnType<typeof contactWithFootprint>>;
  let kept: Awaited<ReturnType<typeof contactWithFootprint>>;
  let email: string;

  beforeAll(async () => {
    await integrateChannels(fixture);
    const workflow = await aWorkflow(fixture);
    const apiKeyId = await anApiKey(fixture);
    kept = await contactWithFootprint(fixture, workflow, { n: 1, apiKeyId });
    // The erased contact also wrote into the kept contact's chat conversation.
    erased = await contactWithFootprint(fixture, workflow, { n: 2, apiKeyId, otherConversationId: kept.conversationIds[0] });
    const rows = await db.execute<{ email: string }>(sql`SELECT email FROM contacts WHERE id = ${erased.contactId}`);
    email = rows.rows[0]!.email;
  });

  it("covers every table with a contact column: the fixture has rows in each, for both contacts", async () => {
    const columns = await contactColumns();
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(["conversations.contact_id", "workflow_runs.contact_id", "chat_sessions.contact_id", "contact_aliases.contact_id"]));
    for (const { table, column } of columns) {
      // A table added with a contact column fails here until contact-footprint.ts gives it a row (and the erasure handles it).
      expect(await rowsWith(table, column, erased.contactId), `${table}.${column}`).toBeGreaterThan(0);
      expect(await rowsWith(table, column, kept.contactId), `${table}.${column}`).toBeGreaterThan(0);
    }
    expect(await tablesMentioning(email)).toContain("contacts");
  });

  it("an agent may not erase; an admin may", async () => {
    signInAs({ id: fixture.agentId });
    const refused = await eraseContactAction({ workspaceId: fixture.workspaceId, contactId: erased.contactId });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });

    signInAs({ id: fixture.builderId });
    const done = await eraseContactAction({ workspaceId: fixture.workspaceId, contactId: erased.contactId });
    expect(done).toMatchObject({ ok: true, data: { erased: true, contactId: erased.contactId, externalId: erased.externalId } });
  });

  it("leaves nothing of the contact in any table with a contact column", async () => {
    for (const { table, column } of await contactColumns()) {
      expect(await rowsWith(table, column, erased.contactId), `${table}.${column}`).toBe(0);
    }
  });

  it("erases their files: sent, received and unsent, bytes included; the other contact keeps theirs", async () => {
    const filesOf = (ids: string[]) =>
      count(sql`SELECT count(*)::int AS n FROM stored_files f WHERE f.id IN (SELECT file_id FROM message_attachments WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[]))`);
    expect(await count(sql`SELECT count(*)::int AS n FROM message_attachments WHERE id = ANY(${`{${erased.attachmentIds.join(",")}}`}::uuid[])`)).toBe(0);
    expect(await filesOf(kept.attachmentIds)).toBe(kept.attachmentIds.length);
    // No stored file is left that no attachment names (the rows' cascade alone would leave the bytes).
    expect(await count(sql`SELECT count(*)::int AS n FROM stored_files f WHERE NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = f.id)`)).toBe(0);
  });

  it("leaves nothing of the person anywhere: no row of any table mentions their email, phone or words", async () => {
    expect(await tablesMentioning(email)).toEqual([]);
    expect(await tablesMentioning(erased.phone)).toEqual([]);
    expect(await tablesMentioning("Reply from 2")).toEqual([]);
    expect(await tablesMentioning("me too")).toEqual([]);
    for (const id of erased.runIds) expect(await tablesMentioning(id), id).toEqual([]);
    // Their ids stay only where they must: the contact.deleted deliveries telling the integrations what to erase.
    // The audit log keeps the erased contact's id (a random UUID that points at nothing any more).
    expect(await tablesMentioning(erased.contactId)).toEqual(["audit_log", "webhook_deliveries"]);
    for (const needle of [erased.externalId, erased.contactId, ...erased.conversationIds]) {
      if (needle !== erased.contactId) expect(await tablesMentioning(needle), needle).toEqual(["webhook_deliveries"]);
      expect(await count(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE strpos(row_to_json(webhook_deliveries)::text, ${needle}) > 0 AND event <> 'contact.deleted'`)).toBe(0);
    }
  });

  it("sends contact.deleted once to each integration that knew the contact, naming their conversations", async () => {
    const deliveries = await db.execute<{ integration_id: string; payload: { contact: { id: string; externalId: string }; conversations: { id: string; externalRef: string }[] } }>(
      sql`SELECT integration_id, payload FROM webhook_deliveries WHERE workspace_id = ${fixture.workspaceId} AND event = 'contact.deleted' ORDER BY id`,
    );
    expect(deliveries.rows).toHaveLength(2);
    expect(new Set(deliveries.rows.map((row) => row.integration_id)).size).toBe(2);
    for (const row of deliveries.rows) {
      expect(row.payload.contact).toEqual({ id: erased.contactId, externalId: erased.externalId });
      expect(row.payload.conversations).toHaveLength(1);
      expect(erased.conversationIds).toContain(row.payload.conversations[0]!.id);
    }
  });

  it("leaves the other contact whole: their conversations, runs, sandbox texts and the message-less reply", async () => {
    for (const { table, column } of await contactColumns()) {
      expect(await rowsWith(table, column, kept.contactId), `${table}.${column}`).toBeGreaterThan(0);
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM sms_sandbox_messages WHERE phone = ${kept.phone}`)).toBe(2);
    expect(await count(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE conversation_id = ANY(${`{${kept.conversationIds.join(",")}}`}::uuid[])`)).toBeGreaterThan(0);
  });

  it("audits the erasure with the contact's id only", async () => {
    const entries = await db.execute<{ action: string; target_id: string; data: Record<string, unknown>; actor_user_id: string }>(
      sql`SELECT action, target_id, data, actor_user_id FROM audit_log WHERE workspace_id = ${fixture.workspaceId} AND action = 'contact.erased'`,
    );
    expect(entries.rows).toEqual([{ action: "contact.erased", target_id: erased.contactId, data: {}, actor_user_id: fixture.builderId }]);
  });

  it("a contact of another workspace is not found, and erasing twice is not found", async () => {
    const scope = await asMember(other.workspaceId, other.builderId);
    await expect(runService(scope, eraseContact, { contactId: kept.contactId })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(await asMember(fixture.workspaceId, fixture.builderId), eraseContact, { contactId: erased.contactId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("erasing a selection", () => {
  it("erases a small selection (the list's filter) at once, refusing a count that no longer matches", async () => {
    const w = await createWorkspaceFixture(db);
    await createManyContacts(db, w.workspaceId, 30);
    signInAs({ id: w.builderId });
    // "Ada" matches contacts 10, 20, 30 (names cycle through ten).
    const stale = await eraseMatchingContactsAction({ workspaceId: w.workspaceId, filter: { q: "Ada" }, expectedCount: 4 });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    const done = await eraseMatchingContactsAction({ workspaceId: w.workspaceId, filter: { q: "Ada" }, expectedCount: 3 });
    expect(done).toEqual({ ok: true, data: { mode: "erased", count: 3 } });
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${w.workspaceId}`)).toBe(27);
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${w.workspaceId} AND first_name = 'Ada'`)).toBe(0);
    const audit = await db.execute<{ data: { count: number } }>(sql`SELECT data FROM audit_log WHERE workspace_id = ${w.workspaceId} AND action = 'contact.bulk_erased'`);
    expect(audit.rows).toEqual([{ data: { count: 3 } }]);
  });

  it("erases the contacts of the list's audience filter (a tag), leaving the rest", async () => {
    const w = await createWorkspaceFixture(db);
    await createManyContacts(db, w.workspaceId, 12);
    await db.execute(sql`UPDATE contacts SET tags = '{gdpr}' WHERE workspace_id = ${w.workspaceId} AND first_name IN ('Ada', 'Grace')`);
    signInAs({ id: w.builderId });
    const done = await eraseMatchingContactsAction({ workspaceId: w.workspaceId, filter: { q: "", audience: { tags: { any: ["gdpr"] } } }, expectedCount: 3 });
    expect(done).toEqual({ ok: true, data: { mode: "erased", count: 3 } });
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${w.workspaceId}`)).toBe(9);
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${w.workspaceId} AND 'gdpr' = ANY(tags)`)).toBe(0);
  });

  it("hides a large selection at once and erases it in batches, carrying on after a crash", async () => {
    const w = await createWorkspaceFixture(db);
    const size = ERASE_NOW_LIMIT + 101;
    await createManyContacts(db, w.workspaceId, size);
    const workflow = await aWorkflow(w);
    await integrateChannels(w);
    const survivorOfFilter = await contactWithFootprint(w, workflow, { n: 7 });
    const withFootprint = await contactWithFootprint(w, workflow, { n: 8 });
    await db.execute(sql`UPDATE contacts SET first_name = 'Contact' WHERE id = ${withFootprint.contactId}`);
    const admin = await asMember(w.workspaceId, w.builderId);

    // "Contact" matches every generated contact (last name "Contact n") and the renamed one.
    const result = await runService(admin, eraseMatchingContacts, { filter: { q: "Contact", audience: null }, expectedCount: size + 1 });
    expect(result).toMatchObject({ mode: "queued", count: size + 1 });

    // Nothing of them is readable any more: the list, a lookup by external id, an audience.
    const list = await searchContacts({ workspaceId: w.workspaceId, query: "", page: 1 });
    expect(list.items.map((item) => item.id)).toEqual([survivorOfFilter.contactId]);
    await expect(resolveContact(db, w.workspaceId, { externalId: withFootprint.externalId })).rejects.toMatchObject({ code: "not_found" });
    const everyone = audienceFilterSchema.parse({});
    expect((await runService(admin, previewAudience, { filter: everyone })).count).toBe(1);
    // Nor are their conversations: out of the inbox's lists and counts, and "not found" by id.
    const [opened] = withFootprint.conversationIds;
    expect(await count(sql`SELECT count(*)::int AS n FROM conversations WHERE contact_id = ${withFootprint.contactId} AND opened_at IS NOT NULL`)).toBe(0);
    const { items: inbox } = await listInboxConversations({ viewer: { workspaceId: w.workspaceId, userId: w.builderId }, filters: {}, status: "open", sort: "newest" });
    expect(inbox.map((item) => item.id)).not.toContain(opened);
    expect(await getThreadConversation(w.workspaceId, opened!)).toBeNull();
    await expect(readConversation(db, w.workspaceId, opened!)).rejects.toMatchObject({ code: "not_found" });

    // A worker erases two batches, then dies (the job's retry is what carries on).
    const system = await asSystem(w.workspaceId);
    const erasureId = result.mode === "queued" ? result.erasureId : "";
    expect(await runService(system, eraseNextBatch, { erasureId, batchSize: 200 })).toBe(true);
    expect(await runService(system, eraseNextBatch, { erasureId, batchSize: 200 })).toBe(true);
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE erasure_id = ${erasureId}`)).toBe(size + 1 - 400);

    // The queued job runs on a real worker and finishes the rest.
    const worker = await startWorker({ connectionString: url, concurrency: 1 });
    try {
      await waitFor(async () => (await count(sql`SELECT count(*)::int AS n FROM contact_erasures WHERE id = ${erasureId} AND status = 'done'`)) === 1, {
        timeoutMs: 60_000,
        what: "the erasure to finish",
      });
    } finally {
      await worker.stop();
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${w.workspaceId}`)).toBe(1);
    expect(await count(sql`SELECT erased AS n FROM contact_erasures WHERE id = ${erasureId}`)).toBe(size + 1);
    for (const { table, column } of await contactColumns()) {
      expect(await rowsWith(table, column, withFootprint.contactId), `${table}.${column}`).toBe(0);
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE workspace_id = ${w.workspaceId} AND event = 'contact.deleted'`)).toBe(2);
    const actions = await db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE workspace_id = ${w.workspaceId} ORDER BY id`);
    expect(actions.rows.map((row) => row.action)).toEqual(["contact.bulk_erased", "contact.bulk_erasure_finished"]);
  });
});

