import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

// The migration that applies the one external id rule to ids stored before it, run again on rows
// written the old way (it is idempotent): what it trims, and what it leaves for a person to merge.
const MIGRATION = readFileSync(path.resolve(import.meta.dirname, "../../../drizzle/0009_trim-external-ids.sql"), "utf8");

describe("migration 0009: trim external ids stored before the rule", () => {
  it("trims padded ids like JavaScript's trim(), empties to none, and leaves clashes alone", async () => {
    const db = getDb();
    const ws = await createWorkspaceFixture(db);
    const ids = ["crm-77 ", "\u00a0crm-78\t", "   ", "taken", "taken ", "twin ", " twin", "in side"];
    await db.insert(contacts).values(ids.map((externalId) => ({ workspaceId: ws.workspaceId, externalId })));
    await db.execute(sql.raw(MIGRATION));
    const rows = await db.select({ externalId: contacts.externalId }).from(contacts).where(eq(contacts.workspaceId, ws.workspaceId));
    expect(rows.map((row) => row.externalId).sort()).toEqual(
      ["crm-77", "crm-78", null, "taken", "taken ", "twin ", " twin", "in side"].sort(),
    );
  });
});
