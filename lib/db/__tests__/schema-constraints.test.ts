import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation, pgErrorOf } from "@/lib/db/pg-error";
import { workflowVersions, workflows } from "@/lib/db/schema/workflows";
import { workspaces } from "@/lib/db/schema/workspaces";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { holdTransactionOpen, waitUntilBlockedOnLock } from "@/lib/testing/lock-wait";

await useTestDatabase();

describe("schema constraints", () => {
  it("refuses to change a published workflow version", async () => {
    const db = getDb();
    const [ws] = await db.insert(workspaces).values({ name: "W" }).returning();
    const [wf] = await db.insert(workflows).values({ workspaceId: ws!.id, name: "F", draftGraph: {} }).returning();
    const [v] = await db.insert(workflowVersions).values({ workspaceId: ws!.id, workflowId: wf!.id, version: 1, graph: { a: 1 } }).returning();
    const error = await db.execute(sql`UPDATE workflow_versions SET graph = '{}' WHERE id = ${v!.id}`).catch((e: unknown) => e);
    expect(pgErrorOf(error)?.message).toMatch(/immutable/);
  });

  it("keeps one default channel per kind in a workspace", async () => {
    const db = getDb();
    const [ws] = await db.insert(workspaces).values({ name: "W2" }).returning();
    const insert = () =>
      db.execute(sql`INSERT INTO channels (workspace_id, kind, name, is_default, identity_secret) VALUES (${ws!.id}, 'chat', 'Chat', true, 's')`);
    await insert();
    const error = await insert().catch((e: unknown) => e);
    expect(isUniqueViolation(error, "channels_one_default_key")).toBe(true);
  });

  describe("rows point at parents of their own workspace", () => {
    async function twoWorkspaces() {
      const db = getDb();
      const a = await createWorkspaceFixture(db);
      const b = await createWorkspaceFixture(db);
      const [contactA] = await createContacts(db, a.workspaceId, [{ firstName: "Ada" }]);
      const [contactB] = await createContacts(db, b.workspaceId, [{ firstName: "Bob" }]);
      return { a, b, contactA: contactA!, contactB: contactB! };
    }
    const insertConversation = (workspaceId: string, contactId: string, channelId: string, extra = sql``) =>
      getDb().execute<{ id: string }>(sql`
        INSERT INTO conversations (workspace_id, contact_id, channel_id, origin, state ${extra.queryChunks.length ? sql`, workflow_id, workflow_version_id` : sql``})
        VALUES (${workspaceId}, ${contactId}, ${channelId}, 'api', 'campaign' ${extra}) RETURNING id`);
    const foreignKeyOf = (error: unknown) => (pgErrorOf(error)?.code === "23503" ? pgErrorOf(error)?.constraint : undefined);

    it("refuses a conversation, message or run whose contact, channel or conversation is another workspace's", async () => {
      const { a, b, contactA, contactB } = await twoWorkspaces();
      expect(foreignKeyOf(await insertConversation(a.workspaceId, contactB, a.chatChannelId).catch((e: unknown) => e))).toBe("conversations_contact_fk");
      expect(foreignKeyOf(await insertConversation(a.workspaceId, contactA, b.chatChannelId).catch((e: unknown) => e))).toBe("conversations_channel_fk");
      const conversation = (await insertConversation(a.workspaceId, contactA, a.chatChannelId)).rows[0]!.id;
      const message = await getDb()
        .execute(sql`INSERT INTO messages (workspace_id, conversation_id, author_type, body, html, text) VALUES (${b.workspaceId}, ${conversation}, 'bot', '{}', '', '')`)
        .catch((e: unknown) => e);
      expect(foreignKeyOf(message)).toBe("messages_conversation_fk");

      const [wf] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "F", draftGraph: {} }).returning();
      const [other] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "G", draftGraph: {} }).returning();
      const [version] = await getDb().insert(workflowVersions).values({ workspaceId: a.workspaceId, workflowId: wf!.id, version: 1, graph: {} }).returning();
      const insertRun = (workspaceId: string, workflowId: string, contactId: string) =>
        getDb()
          .execute(sql`INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES (${workspaceId}, ${workflowId}, ${version!.id}, ${contactId}, 'once')`)
          .catch((e: unknown) => e);
      expect(foreignKeyOf(await insertRun(a.workspaceId, other!.id, contactA))).toBe("workflow_runs_version_fk");
      expect(foreignKeyOf(await insertRun(b.workspaceId, wf!.id, contactB))).toBe("workflow_runs_version_fk");
      expect(foreignKeyOf(await insertRun(a.workspaceId, wf!.id, contactB))).toBe("workflow_runs_contact_fk");
      expect(await insertRun(a.workspaceId, wf!.id, contactA)).toMatchObject({ rowCount: 1 });
    });

    /** Two workspaces, and a workflow with one version in the first. */
    async function workflowWithVersion() {
      const { a, b, contactA, contactB } = await twoWorkspaces();
      const [wf] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "F", draftGraph: {} }).returning();
      const [version] = await getDb().insert(workflowVersions).values({ workspaceId: a.workspaceId, workflowId: wf!.id, version: 1, graph: {} }).returning();
      return { a, b, contactA, contactB, workflowId: wf!.id, versionId: version!.id };
    }

    // A run's version has no foreign key (a fan-out's batch writes a thousand runs of one version):
    // triggers check it once per statement, with the key's name, lock and cascade.
    describe("a run's version, checked by triggers", () => {
      it("refuses a statement of many runs if any one names a version of another workflow", async () => {
        const { a, workflowId, versionId } = await workflowWithVersion();
        const contacts = await createContacts(getDb(), a.workspaceId, [{ firstName: "C1" }, { firstName: "C2" }, { firstName: "C3" }]);
        const [other] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "G", draftGraph: {} }).returning();
        const error = await getDb()
          .execute(sql`
            INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key)
            VALUES (${a.workspaceId}, ${workflowId}, ${versionId}, ${contacts[0]!}, 'once'), (${a.workspaceId}, ${workflowId}, ${versionId}, ${contacts[1]!}, 'once'),
              (${a.workspaceId}, ${other!.id}, ${versionId}, ${contacts[2]!}, 'once')`)
          .catch((e: unknown) => e);
        expect(foreignKeyOf(error)).toBe("workflow_runs_version_fk");
        expect((await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE workflow_id = ${workflowId}`)).rows).toEqual([]);
      });

      it("refuses to move a run to another workflow's version, and a version's key to change under its runs (versions are immutable)", async () => {
        const { a, contactA, workflowId, versionId } = await workflowWithVersion();
        const [other] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "G", draftGraph: {} }).returning();
        const [otherVersion] = await getDb().insert(workflowVersions).values({ workspaceId: a.workspaceId, workflowId: other!.id, version: 1, graph: {} }).returning();
        const run = await getDb().execute<{ id: string }>(sql`
          INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES (${a.workspaceId}, ${workflowId}, ${versionId}, ${contactA}, 'once') RETURNING id`);
        const moved = await getDb().execute(sql`UPDATE workflow_runs SET version_id = ${otherVersion!.id} WHERE id = ${run.rows[0]!.id}`).catch((e: unknown) => e);
        expect(foreignKeyOf(moved)).toBe("workflow_runs_version_fk");
        const rekeyed = await getDb().execute(sql`UPDATE workflow_versions SET workflow_id = ${other!.id} WHERE id = ${versionId}`).catch((e: unknown) => e);
        expect(pgErrorOf(rekeyed)?.message).toMatch(/immutable/);
        // Other updates of a run pass.
        expect(await getDb().execute(sql`UPDATE workflow_runs SET status = 'completed' WHERE id = ${run.rows[0]!.id}`)).toMatchObject({ rowCount: 1 });
      });

      it("makes a run's insert wait for a version being deleted, then refuses it", async () => {
        const { a, contactA, workflowId, versionId } = await workflowWithVersion();
        const deleting = await holdTransactionOpen((tx) => tx.execute(sql`DELETE FROM workflow_versions WHERE id = ${versionId}`));
        const inserting = getDb()
          .execute(sql`INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES (${a.workspaceId}, ${workflowId}, ${versionId}, ${contactA}, 'once')`)
          .catch((e: unknown) => e);
        await waitUntilBlockedOnLock("%INSERT INTO workflow_runs%", "the run's insert to wait on the version's deletion");
        deleting.release();
        await deleting.committed;
        expect(foreignKeyOf(await inserting)).toBe("workflow_runs_version_fk");
      });
    });

    // Nor has a run's contact: triggers check it once per statement, with the key's name, lock and cascade.
    describe("a run's contact, checked by triggers", () => {
      const insertRuns = (values: ReturnType<typeof sql>) =>
        getDb().execute(sql`INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES ${values}`).catch((e: unknown) => e);

      it("refuses a statement of many runs if any one names another workspace's contact", async () => {
        const { a, b, workflowId, versionId } = await workflowWithVersion();
        const mine = await createContacts(getDb(), a.workspaceId, [{ firstName: "C1" }, { firstName: "C2" }]);
        const [theirs] = await createContacts(getDb(), b.workspaceId, [{ firstName: "D1" }]);
        const error = await insertRuns(sql`
          (${a.workspaceId}, ${workflowId}, ${versionId}, ${mine[0]!}, 'once'), (${a.workspaceId}, ${workflowId}, ${versionId}, ${theirs!}, 'once'),
          (${a.workspaceId}, ${workflowId}, ${versionId}, ${mine[1]!}, 'once')`);
        expect(foreignKeyOf(error)).toBe("workflow_runs_contact_fk");
        expect((await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE workflow_id = ${workflowId}`)).rows).toEqual([]);

        const fine = await insertRuns(sql`(${a.workspaceId}, ${workflowId}, ${versionId}, ${mine[0]!}, 'once'), (${a.workspaceId}, ${workflowId}, ${versionId}, ${mine[1]!}, 'once')`);
        expect(fine).toMatchObject({ rowCount: 2 });
        const run = await getDb().execute<{ id: string }>(sql`SELECT id FROM workflow_runs WHERE contact_id = ${mine[0]!}`);
        // Moving a run to another workspace's contact, or a contact to another workspace under its runs: refused.
        const moved = await getDb().execute(sql`UPDATE workflow_runs SET contact_id = ${theirs!} WHERE id = ${run.rows[0]!.id}`).catch((e: unknown) => e);
        expect(foreignKeyOf(moved)).toBe("workflow_runs_contact_fk");
        const rekeyed = await getDb().execute(sql`UPDATE contacts SET workspace_id = ${b.workspaceId} WHERE id = ${mine[1]!}`).catch((e: unknown) => e);
        expect(foreignKeyOf(rekeyed)).toBe("workflow_runs_contact_fk");
        // Moving it to a contact of its own workspace (a merge) passes.
        expect(await getDb().execute(sql`UPDATE workflow_runs SET contact_id = ${mine[1]!}, trigger_key = 'merged' WHERE id = ${run.rows[0]!.id}`)).toMatchObject({ rowCount: 1 });
      });

      it("makes a contact's deletion wait for a transaction entering it, then deletes its run too", async () => {
        const { a, contactA, workflowId, versionId } = await workflowWithVersion();
        const entering = await holdTransactionOpen((tx) =>
          tx.execute(sql`INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES (${a.workspaceId}, ${workflowId}, ${versionId}, ${contactA}, 'once')`),
        );
        // Sent now (a drizzle query runs when awaited or chained), awaited below.
        const deleting = getDb()
          .execute(sql`DELETE FROM contacts WHERE id = ${contactA}`)
          .catch((e: unknown) => e);
        await waitUntilBlockedOnLock("%DELETE FROM contacts%", "the contact's deletion to wait on the run's insert");
        entering.release();
        await entering.committed;
        expect(await deleting).toMatchObject({ rowCount: 1 });
        expect((await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE workflow_id = ${workflowId}`)).rows).toEqual([]);
      });
    });

    it("keeps a deleted workflow's conversations, unlinked, and refuses to delete a channel in use", async () => {
      const { a, contactA } = await twoWorkspaces();
      const [wf] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "F", draftGraph: {} }).returning();
      const [version] = await getDb().insert(workflowVersions).values({ workspaceId: a.workspaceId, workflowId: wf!.id, version: 1, graph: {} }).returning();
      const half = await insertConversation(a.workspaceId, contactA, a.chatChannelId, sql`, ${wf!.id}::uuid, NULL`).catch((e: unknown) => e);
      expect(pgErrorOf(half)?.constraint).toBe("conversations_workflow_version_pair");
      const conversation = (await insertConversation(a.workspaceId, contactA, a.chatChannelId, sql`, ${wf!.id}::uuid, ${version!.id}::uuid`)).rows[0]!.id;

      await getDb().execute(sql`DELETE FROM workflows WHERE id = ${wf!.id}`);
      const unlinked = await getDb().execute(sql`SELECT workflow_id, workflow_version_id FROM conversations WHERE id = ${conversation}`);
      expect(unlinked.rows).toEqual([{ workflow_id: null, workflow_version_id: null }]);

      const channelDelete = await getDb().execute(sql`DELETE FROM channels WHERE id = ${a.chatChannelId}`).catch((e: unknown) => e);
      expect(foreignKeyOf(channelDelete)).toBe("conversations_channel_fk");
    });

    // A conversation's run, workflow and version have no foreign keys (a fan-out writes one per
    // contact); deleting runs or versions must still unlink their conversations, as SET NULL did.
    describe("a workflow's conversation, linked to its run", () => {
      async function runWithConversation() {
        const { a, contactA } = await twoWorkspaces();
        const [wf] = await getDb().insert(workflows).values({ workspaceId: a.workspaceId, name: "F", draftGraph: {} }).returning();
        const [version] = await getDb().insert(workflowVersions).values({ workspaceId: a.workspaceId, workflowId: wf!.id, version: 1, graph: {} }).returning();
        const run = await getDb().execute<{ id: string }>(sql`
          INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key) VALUES (${a.workspaceId}, ${wf!.id}, ${version!.id}, ${contactA}, 'once') RETURNING id`);
        const runId = run.rows[0]!.id;
        const conversation = await getDb().execute<{ id: string }>(sql`
          INSERT INTO conversations (workspace_id, contact_id, channel_id, origin, state, workflow_id, workflow_version_id, run_id, node_id)
          VALUES (${a.workspaceId}, ${contactA}, ${a.chatChannelId}, 'workflow', 'campaign', ${wf!.id}, ${version!.id}, ${runId}, 'start') RETURNING id`);
        const conversationId = conversation.rows[0]!.id;
        await getDb().execute(sql`
          INSERT INTO messages (workspace_id, conversation_id, author_type, body, html, text) VALUES (${a.workspaceId}, ${conversationId}, 'bot', '{}', '', 'Hi')`);
        return { workspaceId: a.workspaceId, workflowId: wf!.id, versionId: version!.id, contactId: contactA, runId, conversationId };
      }
      const linksOf = async (conversationId: string) =>
        (await getDb().execute(sql`SELECT run_id, workflow_id, workflow_version_id FROM conversations WHERE id = ${conversationId}`)).rows;
      const messagesOf = async (conversationId: string) =>
        (await getDb().execute(sql`SELECT text FROM messages WHERE conversation_id = ${conversationId}`)).rows;

      it("stays, with its messages, unlinked from its run, workflow and version when the workflow is deleted", async () => {
        const { workflowId, runId, conversationId } = await runWithConversation();
        await getDb().execute(sql`DELETE FROM workflows WHERE id = ${workflowId}`);
        expect((await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE id = ${runId}`)).rows).toEqual([]);
        expect(await linksOf(conversationId)).toEqual([{ run_id: null, workflow_id: null, workflow_version_id: null }]);
        expect(await messagesOf(conversationId)).toEqual([{ text: "Hi" }]);
      });

      it("loses only its run when the run alone is deleted", async () => {
        const { workflowId, versionId, runId, conversationId } = await runWithConversation();
        await getDb().execute(sql`DELETE FROM workflow_runs WHERE id = ${runId}`);
        expect(await linksOf(conversationId)).toEqual([{ run_id: null, workflow_id: workflowId, workflow_version_id: versionId }]);
      });

      it("is erased with its contact, and so is the run", async () => {
        const { contactId, runId, conversationId } = await runWithConversation();
        await getDb().execute(sql`DELETE FROM contacts WHERE id = ${contactId}`);
        expect((await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE id = ${runId}`)).rows).toEqual([]);
        expect(await linksOf(conversationId)).toEqual([]);
        expect(await messagesOf(conversationId)).toEqual([]);
      });

      it("leaves other workflows' conversations linked", async () => {
        const first = await runWithConversation();
        const second = await runWithConversation();
        await getDb().execute(sql`DELETE FROM workflows WHERE id = ${first.workflowId}`);
        expect(await linksOf(second.conversationId)).toEqual([{ run_id: second.runId, workflow_id: second.workflowId, workflow_version_id: second.versionId }]);
      });
    });
  });
});
