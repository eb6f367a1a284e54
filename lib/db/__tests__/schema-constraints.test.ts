import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../testing/test-database";
import { getDb } from "../client";
import { isUniqueViolation, pgErrorOf } from "../pg-error";
import { workflowVersions, workflows } from "../schema/workflows";
import { workspaces } from "../schema/workspaces";

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
});
