import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contactImportRows, contactImports } from "@/lib/db/schema/contact-imports";
import { contactTags, contacts } from "@/lib/db/schema/contacts";
import { runService } from "@/lib/services/run-service";
import { useTestDatabase } from "@/lib/testing/test-database";
import { addContactTag, removeContactTag } from "@/lib/contacts/contacts";
import { listWorkspaceTags, pruneUnusedTags } from "@/lib/contacts/workspace-tags";
import { expireAbandonedImports } from "@/lib/contact-imports/expire-abandoned-imports";
import { field, importRow, importWorkspace, runToEnd, start, upload } from "@/lib/contact-imports/__tests__/import-fixtures";

await useTestDatabase();

describe("the workspace's tag catalogue", () => {
  it("offers every tag any path writes — the contact page, an import, a plain insert — and only the workspace's own", async () => {
    const { workspaceId, admin, system } = await importWorkspace();
    const other = await importWorkspace();
    const [ann] = await getDb().insert(contacts).values({ workspaceId, firstName: "Ann", tags: ["Beta"] }).returning();
    await getDb().insert(contacts).values({ workspaceId: other.workspaceId, firstName: "Elsewhere", tags: ["secret"] });
    await runService(admin, addContactTag, { contactId: ann!.id, tag: "vip" });
    const { importId } = await upload(admin, 'email,tags\nb@example.com,"alpha,vip"\n');
    await start(admin, importId, { mapping: [field("email"), field("tags")], matchBy: "email", existing: "update", tag: "spring-list" });
    await runToEnd(system, importId);

    expect(await listWorkspaceTags(getDb(), workspaceId)).toEqual(["alpha", "Beta", "spring-list", "vip"]);
    expect(await listWorkspaceTags(getDb(), workspaceId, { prefix: "s" })).toEqual(["spring-list"]);
    expect(await listWorkspaceTags(getDb(), other.workspaceId)).toEqual(["secret"]);
  });

  it("forgets, on housekeeping, a tag nobody carries any more, and keeps those still carried", async () => {
    const { workspaceId, admin } = await importWorkspace();
    const [ann] = await getDb().insert(contacts).values({ workspaceId, firstName: "Ann", tags: ["old", "kept"] }).returning();
    await getDb().insert(contacts).values({ workspaceId, firstName: "Bob", tags: ["kept"] });
    await runService(admin, removeContactTag, { contactId: ann!.id, tag: "old" });
    await runService(admin, removeContactTag, { contactId: ann!.id, tag: "kept" });
    // Removing a tag does not take it out of the catalogue at once (another contact may have it)…
    expect(await listWorkspaceTags(getDb(), workspaceId)).toEqual(["kept", "old"]);
    expect(await pruneUnusedTags(getDb())).toBeGreaterThanOrEqual(1);
    // …housekeeping does, for the one nobody has; Bob still carries "kept".
    expect(await listWorkspaceTags(getDb(), workspaceId)).toEqual(["kept"]);
    const rows = await getDb().select().from(contactTags).where(eq(contactTags.workspaceId, workspaceId));
    expect(rows.map((row) => row.tag)).toEqual(["kept"]);
  });
});

describe("abandoned uploads", () => {
  it("are cancelled after a day with their staged rows deleted; a fresh upload and a running import are left alone", async () => {
    const { admin } = await importWorkspace();
    const stale = await upload(admin, "email\nold@example.com\n");
    const fresh = await upload(admin, "email\nnew@example.com\n");
    const running = await upload(admin, "email\nrun@example.com\n");
    await start(admin, running.importId, { mapping: [field("email")], matchBy: "email", existing: "update" });
    for (const id of [stale.importId, running.importId]) {
      await getDb().update(contactImports).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(contactImports.id, id));
    }

    expect(await expireAbandonedImports(getDb())).toBeGreaterThanOrEqual(1);

    expect((await importRow(stale.importId)).status).toBe("cancelled");
    expect(await getDb().select().from(contactImportRows).where(eq(contactImportRows.importId, stale.importId))).toEqual([]);
    expect((await importRow(fresh.importId)).status).toBe("uploaded");
    expect(await getDb().select().from(contactImportRows).where(eq(contactImportRows.importId, fresh.importId))).toHaveLength(1);
    expect((await importRow(running.importId)).status).toBe("running");
  });
});
