import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { audit } from "@/lib/services/audit";
import { asMember } from "@/lib/testing/service-scope";
import { createPeopleFixture } from "@/lib/testing/people-fixture";
import { useTestDatabase } from "@/lib/testing/test-database";
import { changeMemberRole } from "@/lib/members/members";
import { createTeam, deleteTeam, renameTeam } from "@/lib/teams/teams";
import { renameWorkspace } from "@/lib/workspace/workspace-settings";
import { auditActionGroups, auditActionLabel, AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { describeAuditDetails } from "@/lib/audit/audit-details";
import { auditLogQuerySchema, listAuditLog } from "@/lib/audit/audit-log";

await useTestDatabase();

type Fixture = Awaited<ReturnType<typeof createPeopleFixture>>;
let ws: Fixture;
let other: Fixture;

beforeAll(async () => {
  ws = await createPeopleFixture("Northwind");
  other = await createPeopleFixture("Contoso");
  const owner = await asMember(ws.workspaceId, ws.owner.id);
  const admin = await asMember(ws.workspaceId, ws.admin.id);
  const billing = await runService(admin, createTeam, { name: "Billing" });
  await runService(admin, renameTeam, { teamId: billing.id, name: "Billing & Refunds" });
  const doomed = await runService(admin, createTeam, { name: "Doomed" });
  await runService(admin, deleteTeam, { teamId: doomed.id });
  await runService(owner, changeMemberRole, { userId: ws.agent.id, role: "admin" });
  await runService(owner, changeMemberRole, { userId: ws.agent.id, role: "agent" });
  await runService(owner, renameWorkspace, { name: "Northwind Traders" });
  // The other workspace's log, which must never show here.
  await runService(await asMember(other.workspaceId, other.owner.id), createTeam, { name: "Contoso only" });
});

describe("the audit log", () => {
  it("lists who did what, when and on what, newest first, with current names and the names of deleted things", async () => {
    const { entries, nextBefore } = await listAuditLog(getDb(), ws.workspaceId, {});
    expect(nextBefore).toBeNull();
    expect(entries.map((entry) => [entry.actor?.name, entry.action, entry.target.name])).toEqual([
      ["Olive Owner", "workspace.renamed", null],
      ["Olive Owner", "member.role_changed", "Agnes Agent"],
      ["Olive Owner", "member.role_changed", "Agnes Agent"],
      ["Adam Admin", "team.deleted", "Doomed"],
      ["Adam Admin", "team.created", "Doomed"],
      ["Adam Admin", "team.renamed", "Billing & Refunds"],
      ["Adam Admin", "team.created", "Billing & Refunds"],
    ]);
    expect(entries[0]!.createdAt).toBeInstanceOf(Date);
    expect(describeAuditDetails(entries[1]!.action, entries[1]!.data)).toBe("Admin → Agent");
    expect(describeAuditDetails(entries[5]!.action, entries[5]!.data)).toBe("“Billing” → “Billing & Refunds”");
    expect(describeAuditDetails(entries[0]!.action, entries[0]!.data)).toBe("“Northwind” → “Northwind Traders”");
  });

  it("filters by person and by action, together or apart", async () => {
    const byAdmin = await listAuditLog(getDb(), ws.workspaceId, { actor: ws.admin.id });
    expect(byAdmin.entries.map((entry) => entry.action)).toEqual(["team.deleted", "team.created", "team.renamed", "team.created"]);
    const roleChanges = await listAuditLog(getDb(), ws.workspaceId, { action: "member.role_changed" });
    expect(roleChanges.entries).toHaveLength(2);
    expect(roleChanges.entries.every((entry) => entry.actor?.id === ws.owner.id)).toBe(true);
    expect((await listAuditLog(getDb(), ws.workspaceId, { actor: ws.admin.id, action: "team.created" })).entries.map((entry) => entry.target.name)).toEqual(["Doomed", "Billing & Refunds"]);
    expect((await listAuditLog(getDb(), ws.workspaceId, { actor: ws.agent.id })).entries).toEqual([]);
  });

  it("pages by keyset: every entry once, in order, even while new ones arrive", async () => {
    const all = (await listAuditLog(getDb(), ws.workspaceId, {})).entries.map((entry) => entry.id);
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listAuditLog(getDb(), ws.workspaceId, { before }, 3);
      seen.push(...page.entries.map((entry) => entry.id));
      pages++;
      // Someone changes something between two pages: it goes on top, not into the pages being read.
      if (pages === 1) await runService(await asMember(ws.workspaceId, ws.admin.id), createTeam, { name: "Arrived meanwhile" });
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect((await listAuditLog(getDb(), ws.workspaceId, {}, 1)).entries[0]!.target.name).toBe("Arrived meanwhile");
  });

  it("never shows another workspace's entries, whatever the filters", async () => {
    const mine = await listAuditLog(getDb(), ws.workspaceId, { actor: other.owner.id });
    expect(mine.entries).toEqual([]);
    const theirs = await listAuditLog(getDb(), other.workspaceId, {});
    expect(theirs.entries.map((entry) => entry.target.name)).toEqual(["Contoso only"]);
  });

  it("reads its filters from the query string, ignoring anything malformed", () => {
    expect(auditLogQuerySchema.parse({ actor: ws.admin.id, action: "team.created", before: "42" })).toEqual({ actor: ws.admin.id, action: "team.created", before: 42 });
    expect(auditLogQuerySchema.parse({ actor: "not-a-uuid", action: "drop.tables", before: "-1" })).toEqual({});
  });

  it("names every action readably, including ones no longer in the list", async () => {
    for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(auditActionLabel(action), action).toBe(label);
      expect(label).toMatch(/^[A-Z][^.]+$/);
    }
    expect(auditActionLabel("workspace.archived_legacy")).toBe("Workspace archived legacy");
    expect(auditActionGroups().flatMap((group) => group.actions.map((action) => action.value)).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    // An entry recorded through audit() appears under its label.
    await runService(await asMember(ws.workspaceId, ws.owner.id), (ctx) => audit(ctx, { action: "workspace.plan_changed", target: { type: "workspace", id: ws.workspaceId }, data: { from: "free", to: "enterprise" } }), null);
    const [latest] = (await listAuditLog(getDb(), ws.workspaceId, { action: "workspace.plan_changed" })).entries;
    expect(auditActionLabel(latest!.action)).toBe("Changed the plan");
    expect(describeAuditDetails(latest!.action, latest!.data)).toBe("Free → Enterprise");
  });
});
