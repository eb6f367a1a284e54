import { readFileSync } from "node:fs";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { agentActivity } from "@/lib/db/schema/agent-activity";
import { memberships } from "@/lib/db/schema/workspaces";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

// The migration that makes agent_activity the one record of "active in the app", run on rows
// written the old way: round robin's own copy (agent_availability.last_active_at, dropped by the
// next migration, put back here for the test) moves into it, the latest moment winning.
const MIGRATION = readFileSync(path.resolve(import.meta.dirname, "../../../drizzle/0029_agent-activity-one-record.sql"), "utf8");

describe("migration 0028: one record of an agent's activity", () => {
  it("moves round robin's last-active moments into agent_activity, keeping the latest of each person's", async () => {
    const db = getDb();
    const a = await createWorkspaceFixture(db);
    const b = await createWorkspaceFixture(db);
    // a.agentId is active in two workspaces; b.agentId already has a later moment in agent_activity.
    await db.insert(memberships).values({ workspaceId: b.workspaceId, userId: a.agentId, role: "agent" });
    await db.execute(sql`ALTER TABLE agent_availability ADD COLUMN last_active_at timestamptz`);
    try {
      await db.execute(sql`INSERT INTO agent_availability (workspace_id, user_id, status, last_active_at) VALUES
        (${a.workspaceId}, ${a.agentId}, 'available', '2026-01-01T10:00:00Z'),
        (${b.workspaceId}, ${a.agentId}, 'away', '2026-01-01T12:00:00Z'),
        (${b.workspaceId}, ${b.agentId}, 'available', '2026-01-01T09:00:00Z'),
        (${a.workspaceId}, ${a.builderId}, 'available', NULL)`);
      await db.insert(agentActivity).values({ userId: b.agentId, lastActiveAt: new Date("2026-01-01T11:00:00Z") });
      await db.execute(sql.raw(MIGRATION));
      const rows = await db
        .select({ userId: agentActivity.userId, at: agentActivity.lastActiveAt })
        .from(agentActivity)
        .where(inArray(agentActivity.userId, [a.agentId, b.agentId, a.builderId]));
      expect(Object.fromEntries(rows.map((row) => [row.userId, row.at.toISOString()]))).toEqual({
        [a.agentId]: "2026-01-01T12:00:00.000Z",
        [b.agentId]: "2026-01-01T11:00:00.000Z",
      });
    } finally {
      await db.execute(sql`ALTER TABLE agent_availability DROP COLUMN last_active_at`);
    }
  });
});
