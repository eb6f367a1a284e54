import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { conversations } = await import("@/lib/db/schema/conversations");
const { invitations } = await import("@/lib/db/schema/people");
const { auditLog } = await import("@/lib/db/schema/platform");
const { teamMembers, teams } = await import("@/lib/db/schema/workspaces");
const { listInboxConversations } = await import("@/lib/db/queries/inbox");
const { listTeams } = await import("@/lib/db/queries/workspace-directory");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { createWorkspaceFixture, createContacts } = await import("@/lib/workflow/testing/workspace-fixture");
const { edge, message, node, reengagementGraph } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph } = await import("@/lib/workflow/testing/scenario");
const { workflows } = await import("@/lib/db/schema/workflows");
const { pauseWorkflow, publishWorkflow } = await import("@/lib/workflow/service/publish");
const { createWorkflow, saveDraft } = await import("@/lib/workflow/service/workflows");
const { addTeamMember, createTeam, deleteTeam, removeTeamMember, renameTeam } = await import("@/lib/teams/teams");
const { listTeamsWithMembers } = await import("@/lib/teams/team-directory");
const teamActions = await import("@/lib/actions/teams");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
});

const admin = () => asMember(ws.workspaceId, ws.builderId);
const auditOf = async (workspaceId: string, targetId: string) =>
  (await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.targetId, targetId))).orderBy(auditLog.id)).map((entry) => ({
    action: entry.action,
    actor: entry.actorUserId,
    data: entry.data,
  }));

describe("teams", () => {
  it("are created, renamed, given and relieved of members by admins, each change audited", async () => {
    signInAs({ id: ws.builderId });
    const created = await teamActions.createTeamAction({ workspaceId: ws.workspaceId, name: "  Billing " });
    expect(created).toMatchObject({ ok: true, data: { name: "Billing" } });
    const teamId = (created as { data: { id: string } }).data.id;
    expect(await teamActions.addTeamMemberAction({ workspaceId: ws.workspaceId, teamId, userId: ws.agentId })).toEqual({ ok: true, data: { added: true } });
    expect(await teamActions.addTeamMemberAction({ workspaceId: ws.workspaceId, teamId, userId: ws.agentId })).toEqual({ ok: true, data: { added: false } });
    expect(await teamActions.renameTeamAction({ workspaceId: ws.workspaceId, teamId, name: "Billing & Refunds" })).toMatchObject({ ok: true });
    expect((await listTeamsWithMembers(ws.workspaceId)).find((team) => team.id === teamId)).toEqual({ id: teamId, name: "Billing & Refunds", members: [{ id: ws.agentId, name: "Sam Support", avatarUrl: null }] });
    expect(await teamActions.removeTeamMemberAction({ workspaceId: ws.workspaceId, teamId, userId: ws.agentId })).toEqual({ ok: true, data: { removed: true } });
    expect(await teamActions.removeTeamMemberAction({ workspaceId: ws.workspaceId, teamId, userId: ws.agentId })).toMatchObject({ ok: false, code: "not_found" });
    expect(await auditOf(ws.workspaceId, teamId)).toEqual([
      { action: "team.created", actor: ws.builderId, data: { name: "Billing" } },
      { action: "team.member_added", actor: ws.builderId, data: { team: "Billing", userId: ws.agentId, name: "Sam Support" } },
      { action: "team.renamed", actor: ws.builderId, data: { from: "Billing", to: "Billing & Refunds" } },
      { action: "team.member_removed", actor: ws.builderId, data: { team: "Billing & Refunds", userId: ws.agentId, name: "Sam Support" } },
    ]);
  });

  it("refuses a name the workspace already has, and agents", async () => {
    await expect(runService(await admin(), createTeam, { name: "Support" })).rejects.toMatchObject({ code: "conflict", message: "A team named “Support” already exists. Choose another name." });
    const { id } = await runService(await admin(), createTeam, { name: "Sales" });
    await expect(runService(await admin(), renameTeam, { teamId: id, name: "Support" })).rejects.toMatchObject({ code: "conflict" });
    signInAs({ id: ws.agentId });
    expect(await teamActions.createTeamAction({ workspaceId: ws.workspaceId, name: "Agents' own" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await teamActions.deleteTeamAction({ workspaceId: ws.workspaceId, teamId: id })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ id: ws.builderId });
    expect(await teamActions.createTeamAction({ workspaceId: ws.workspaceId, name: " " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Give the team a name."] } });
  });

  it("take only members of the workspace", async () => {
    const { id } = await runService(await admin(), createTeam, { name: "Members only" });
    await expect(runService(await admin(), addTeamMember, { teamId: id, userId: other.agentId })).rejects.toMatchObject({ code: "not_found", message: "That member was not found." });
  });
});

describe("deleting a team", () => {
  it("is refused while a published workflow assigns to it, naming the workflows", async () => {
    const { id: teamId } = await runService(await admin(), createTeam, { name: "Escalations" });
    // An Assign step naming the team, in a live workflow.
    const assigning = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.builderId, assignTeamId: teamId }), "Win back");
    // Start a Conversation's Assignee naming it, in a workflow published and then paused.
    const starting = await publishGraph(
      ws.workspaceId,
      ws.builderId,
      {
        nodes: [node("trigger", "manual"), node("start", "start_conversation", { message: message("Hello"), senderUserId: ws.builderId, assignee: { type: "team", teamId } })],
        edges: [edge("trigger", "start")],
      },
      "Onboarding call",
    );
    await runService(await admin(), pauseWorkflow, { workflowId: starting.workflowId });
    // A draft naming it does not count: it is checked again when published.
    const { workflowId: draftId, revision } = await runService(await admin(), createWorkflow, { name: "Draft only" });
    await runService(await admin(), saveDraft, { workflowId: draftId, graph: reengagementGraph({ senderUserId: ws.builderId, assignTeamId: teamId }), expectedRevision: revision });

    signInAs({ id: ws.builderId });
    const refused = await teamActions.deleteTeamAction({ workspaceId: ws.workspaceId, teamId });
    expect(refused).toEqual({
      ok: false,
      code: "team_in_use",
      error: "Escalations can't be deleted: the published workflows “Onboarding call” and “Win back” assign conversations to it. Change those workflows first.",
      details: { workflows: [{ id: starting.workflowId, name: "Onboarding call" }, { id: assigning.workflowId, name: "Win back" }] },
    });
    expect(await getDb().select().from(teams).where(eq(teams.id, teamId))).toHaveLength(1);

    // Publishing versions that no longer name it lets the team go.
    await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.builderId }), "Unrelated");
    const versionless = { nodes: [node("trigger", "manual"), node("start", "start_conversation", { message: message("Hello"), senderUserId: ws.builderId })], edges: [edge("trigger", "start")] };
    for (const workflowId of [assigning.workflowId, starting.workflowId]) {
      const builder = await admin();
      const [row] = await getDb().select().from(workflows).where(eq(workflows.id, workflowId));
      await runService(builder, saveDraft, { workflowId, graph: versionless, expectedRevision: row!.draftRevision });
      await runService(builder, publishWorkflow, { workflowId });
    }
    expect(await teamActions.deleteTeamAction({ workspaceId: ws.workspaceId, teamId })).toEqual({ ok: true, data: { movedConversations: 0 } });
  });

  it("moves its conversations to Unassigned, and its view disappears from the inbox", async () => {
    const db = getDb();
    const { id: teamId } = await runService(await admin(), createTeam, { name: "Short-lived" });
    await runService(await admin(), addTeamMember, { teamId, userId: ws.agentId });
    const [contactA, contactB, contactC] = await createContacts(db, ws.workspaceId, [{ firstName: "Queued" }, { firstName: "Closed" }, { firstName: "Later" }]);
    const base = { workspaceId: ws.workspaceId, channelId: ws.chatChannelId, origin: "inbound" as const, openedAt: new Date() };
    const [open, closed, campaign] = await db
      .insert(conversations)
      .values([
        { ...base, contactId: contactA!, state: "open", assigneeTeamId: teamId },
        { ...base, contactId: contactB!, state: "closed", closedAt: new Date(), assigneeTeamId: teamId },
        { ...base, contactId: contactC!, state: "campaign", openedAt: null, origin: "workflow", assignOnOpen: { type: "team", teamId } },
      ])
      .returning({ id: conversations.id });
    const [invitation] = await db
      .insert(invitations)
      .values({ workspaceId: ws.workspaceId, email: "queued@example.com", role: "agent", teamIds: [teamId, ws.teamId], tokenHash: "h".repeat(64), expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();

    const viewer = { workspaceId: ws.workspaceId, userId: ws.builderId };
    expect((await listInboxConversations({ viewer, filters: { team: teamId }, status: "open", sort: "newest" })).items.map((item) => item.id)).toEqual([open!.id]);

    expect(await runService(await admin(), deleteTeam, { teamId })).toEqual({ movedConversations: 2 });
    const after = new Map((await db.select().from(conversations).where(eq(conversations.workspaceId, ws.workspaceId))).map((row) => [row.id, row]));
    expect(after.get(open!.id)).toMatchObject({ assigneeTeamId: null, assigneeUserId: null });
    expect(after.get(closed!.id)).toMatchObject({ assigneeTeamId: null });
    expect(after.get(campaign!.id)!.assignOnOpen).toEqual({ type: "unassigned" });
    const unassigned = await listInboxConversations({ viewer, filters: { assignee: "unassigned", team: "none" }, status: "open", sort: "newest" });
    expect(unassigned.items.map((item) => item.id)).toContain(open!.id);
    // The inbox builds its team views from this list: /inbox/team/<id> of a deleted team is a 404.
    expect((await listTeams(ws.workspaceId)).map((team) => team.id)).not.toContain(teamId);
    expect(await db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId))).toEqual([]);
    expect((await db.select().from(invitations).where(eq(invitations.id, invitation!.id)))[0]!.teamIds).toEqual([ws.teamId]);
    expect((await auditOf(ws.workspaceId, teamId)).at(-1)).toEqual({ action: "team.deleted", actor: ws.builderId, data: { name: "Short-lived", movedConversations: 2 } });
  });
});

describe("workspaces stay apart", () => {
  it("another workspace's admin cannot rename, delete or staff this one's teams", async () => {
    const outsider = await asMember(other.workspaceId, other.builderId);
    await expect(runService(outsider, renameTeam, { teamId: ws.teamId, name: "Mine now" })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(outsider, deleteTeam, { teamId: ws.teamId })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(outsider, addTeamMember, { teamId: ws.teamId, userId: other.agentId })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(outsider, removeTeamMember, { teamId: ws.teamId, userId: ws.agentId })).rejects.toMatchObject({ code: "not_found" });
    // Nor put this workspace's member into a team of theirs.
    await expect(runService(outsider, addTeamMember, { teamId: other.teamId, userId: ws.agentId })).rejects.toMatchObject({ code: "not_found" });
    signInAs({ id: other.builderId });
    expect(await teamActions.deleteTeamAction({ workspaceId: ws.workspaceId, teamId: ws.teamId })).toMatchObject({ ok: false, code: "not_found" });
    expect((await listTeams(ws.workspaceId)).find((team) => team.id === ws.teamId)).toMatchObject({ name: "Support" });
  });
});
