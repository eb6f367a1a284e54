import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

// The migration that gives workflow conversations started before delivery status existed a
// status the Results page counts, run on rows written the old way (outreach_status NULL).
const MIGRATION = readFileSync(path.resolve(import.meta.dirname, "../../../drizzle/0044_outreach-status-backfill.sql"), "utf8");

describe("migration 0044: delivery status for workflow conversations from before it existed", () => {
  it("marks a first message sent, or replied when the contact wrote after it; notes, test runs and other conversations stay without one", async () => {
    const db = getDb();
    const ws = await createWorkspaceFixture(db);
    const [silent, replier, noted, tested, inbound] = await createContacts(db, ws.workspaceId, [
      { firstName: "Sid" },
      { firstName: "Rita" },
      { firstName: "Nora" },
      { firstName: "Tess" },
      { firstName: "Ivo" },
    ]);
    const graph = { nodes: [], edges: [] };
    const [workflow] = (await db.execute<{ id: string }>(sql`
      INSERT INTO workflows (workspace_id, name, draft_graph) VALUES (${ws.workspaceId}, 'Before 0028', ${JSON.stringify(graph)}::jsonb) RETURNING id`)).rows;
    const [version] = (await db.execute<{ id: string }>(sql`
      INSERT INTO workflow_versions (workspace_id, workflow_id, version, graph) VALUES (${ws.workspaceId}, ${workflow!.id}, 1, ${JSON.stringify(graph)}::jsonb) RETURNING id`)).rows;

    /** A workflow conversation as Start a Conversation wrote it before 0028: its first message, no status. */
    const started = async (contactId: string, options: { kind?: "message" | "note"; isTest?: boolean; sentAt: string }) => {
      const [run] = (await db.execute<{ id: string }>(sql`
        INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key, status, current_node_id, is_test)
        VALUES (${ws.workspaceId}, ${workflow!.id}, ${version!.id}, ${contactId}, 'manual:1', 'completed', 's', ${options.isTest ?? false}) RETURNING id`)).rows;
      const [conversation] = (await db.execute<{ id: string }>(sql`
        INSERT INTO conversations (workspace_id, contact_id, channel_id, origin, state, workflow_id, workflow_version_id, run_id, node_id)
        VALUES (${ws.workspaceId}, ${contactId}, ${ws.chatChannelId}, 'workflow', 'campaign', ${workflow!.id}, ${version!.id}, ${run!.id}, 's') RETURNING id`)).rows;
      await db.execute(sql`
        INSERT INTO messages (workspace_id, conversation_id, kind, author_type, body, html, text, dedupe_key, created_at)
        VALUES (${ws.workspaceId}, ${conversation!.id}, ${options.kind ?? "message"}, 'agent', '{}'::jsonb, '<p>Hi</p>', 'Hi', 'start:s', ${options.sentAt}::timestamptz)`);
      return conversation!.id;
    };
    const contactWrites = (conversationId: string, at: string) =>
      db.execute(sql`
        INSERT INTO messages (workspace_id, conversation_id, author_type, author_contact_id, body, html, text, created_at)
        SELECT workspace_id, id, 'contact', contact_id, '{}'::jsonb, '<p>Yes</p>', 'Yes', ${at}::timestamptz FROM conversations WHERE id = ${conversationId}`);

    const sent = await started(silent!, { sentAt: "2026-01-01T10:00:00Z" });
    const replied = await started(replier!, { sentAt: "2026-01-01T10:00:00Z" });
    await contactWrites(replied, "2026-01-02T08:30:00Z");
    const note = await started(noted!, { kind: "note", sentAt: "2026-01-01T10:00:00Z" });
    const test = await started(tested!, { isTest: true, sentAt: "2026-01-01T10:00:00Z" });
    const [own] = (await db.execute<{ id: string }>(sql`
      INSERT INTO conversations (workspace_id, contact_id, channel_id, origin, state) VALUES (${ws.workspaceId}, ${inbound!}, ${ws.chatChannelId}, 'inbound', 'open') RETURNING id`)).rows;
    await contactWrites(own!.id, "2026-01-01T09:00:00Z");

    await db.execute(sql.raw(MIGRATION));
    const rows = await db.execute<{ id: string; status: string | null; sent_at: string | null; status_at: string | null }>(sql`
      SELECT id, outreach_status AS status, to_char(outreach_sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS sent_at,
        to_char(outreach_status_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS status_at
      FROM conversations WHERE workspace_id = ${ws.workspaceId}`);
    const byId = Object.fromEntries(rows.rows.map(({ id, ...row }) => [id, row]));
    expect(byId[sent]).toEqual({ status: "sent", sent_at: "2026-01-01T10:00", status_at: "2026-01-01T10:00" });
    expect(byId[replied]).toEqual({ status: "replied", sent_at: "2026-01-01T10:00", status_at: "2026-01-02T08:30" });
    expect(byId[note]).toEqual({ status: null, sent_at: null, status_at: null });
    expect(byId[test]).toEqual({ status: null, sent_at: null, status_at: null });
    expect(byId[own!.id]).toEqual({ status: null, sent_at: null, status_at: null });

    // Run again (a re-applied migration) it changes nothing: only rows without a status are touched.
    await db.execute(sql`UPDATE conversations SET outreach_status = 'seen' WHERE id = ${sent}`);
    await db.execute(sql.raw(MIGRATION));
    expect((await db.execute<{ status: string }>(sql`SELECT outreach_status AS status FROM conversations WHERE id = ${sent}`)).rows[0]!.status).toBe("seen");
  });
});
