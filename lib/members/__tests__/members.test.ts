import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { channels } = await import("@/lib/db/schema/channels");
const { conversations, messages } = await import("@/lib/db/schema/conversations");
const { auditLog } = await import("@/lib/db/schema/platform");
const { memberships, teamMembers, teams } = await import("@/lib/db/schema/workspaces");
const { listInboxConversations } = await import("@/lib/db/queries/inbox");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { addMember, createPeopleFixture, createPerson } = await import("@/lib/testing/people-fixture");
const { createContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { stopLiveListener } = await import("@/lib/live/listener");
const { requireWorkspacePage } = await import("@/lib/auth/workspace-page");
const { changeMemberRole, removeMember } = await import("@/lib/members/members");
const { addTeamMember } = await import("@/lib/teams/teams");
const memberActions = await import("@/lib/actions/members");
const workspaceActions = await import("@/lib/actions/workspace");
const eventsRoute = await import("@/app/api/events/route");

type Fixture = Awaited<ReturnType<typeof createPeopleFixture>>;
let ws: Fixture;
let other: Fixture;

beforeAll(async () => {
  ws = await createPeopleFixture("Northwind");
  other = await createPeopleFixture("Contoso");
  return () => stopLiveListener();
});

const roleOf = async (workspaceId: string, userId: string) =>
  (await getDb().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))))[0]?.role ?? null;
const ownersOf = async (workspaceId: string) =>
  (await getDb().select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))).map((row) => row.userId);

/** A fresh workspace for the rules that need a known set of owners. */
async function workspaceWithOwners(count: number) {
  const fixture = await createPeopleFixture("Owners");
  const owners = [fixture.owner];
  for (let i = 1; i < count; i++) {
    const owner = await createPerson(`Owner ${i + 1}`);
    await addMember(fixture.workspaceId, owner, "owner");
    owners.push(owner);
  }
  return { ...fixture, owners };
}

describe("roles", () => {
  it("owners change any role, and each change is audited", async () => {
    signInAs(ws.owner);
    expect(await memberActions.changeMemberRoleAction({ workspaceId: ws.workspaceId, userId: ws.agent.id, role: "admin" })).toEqual({ ok: true, data: { role: "admin" } });
    expect(await roleOf(ws.workspaceId, ws.agent.id)).toBe("admin");
    expect(await memberActions.changeMemberRoleAction({ workspaceId: ws.workspaceId, userId: ws.agent.id, role: "agent" })).toEqual({ ok: true, data: { role: "agent" } });
    const entries = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, "member.role_changed"))).orderBy(auditLog.id);
    expect(entries.map((entry) => entry.data)).toEqual([
      { name: "Agnes Agent", email: ws.agent.email, from: "agent", to: "admin" },
      { name: "Agnes Agent", email: ws.agent.email, from: "admin", to: "agent" },
    ]);
    expect(entries.every((entry) => entry.actorUserId === ws.owner.id && entry.targetType === "member" && entry.targetId === ws.agent.id)).toBe(true);
  });

  it("admins promote no one and touch no admin or owner; agents change nothing", async () => {
    signInAs(ws.admin);
    for (const [userId, role] of [
      [ws.agent.id, "admin"],
      [ws.agent.id, "owner"],
      [ws.owner.id, "agent"],
    ] as const) {
      expect(await memberActions.changeMemberRoleAction({ workspaceId: ws.workspaceId, userId, role })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await memberActions.removeMemberAction({ workspaceId: ws.workspaceId, userId: ws.owner.id })).toMatchObject({ ok: false, code: "forbidden", error: expect.stringMatching(/Admins can remove agents only/) });
    signInAs(ws.agent);
    expect(await memberActions.changeMemberRoleAction({ workspaceId: ws.workspaceId, userId: ws.agent.id, role: "owner" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await memberActions.removeMemberAction({ workspaceId: ws.workspaceId, userId: ws.admin.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect([await roleOf(ws.workspaceId, ws.agent.id), await roleOf(ws.workspaceId, ws.owner.id), await roleOf(ws.workspaceId, ws.admin.id)]).toEqual(["agent", "owner", "admin"]);
  });

  it("lets admins remove agents", async () => {
    const fixture = await createPeopleFixture("Admins remove agents");
    signInAs(fixture.admin);
    expect(await memberActions.removeMemberAction({ workspaceId: fixture.workspaceId, userId: fixture.agent.id })).toMatchObject({ ok: true });
    expect(await roleOf(fixture.workspaceId, fixture.agent.id)).toBeNull();
  });
});

describe("the last owner", () => {
  it("can be neither demoted nor removed", async () => {
    const fixture = await workspaceWithOwners(1);
    const owner = await asMember(fixture.workspaceId, fixture.owner.id);
    await expect(runService(owner, changeMemberRole, { userId: fixture.owner.id, role: "admin" })).rejects.toMatchObject({
      code: "last_owner",
      message: "Olive Owner is the only owner: the workspace would have no owner left. Make someone else an owner first.",
    });
    await expect(runService(owner, removeMember, { userId: fixture.owner.id })).rejects.toMatchObject({ code: "last_owner" });
    expect(await ownersOf(fixture.workspaceId)).toEqual([fixture.owner.id]);

    // With a second owner, either may step down.
    await runService(owner, changeMemberRole, { userId: fixture.admin.id, role: "owner" });
    await runService(owner, changeMemberRole, { userId: fixture.owner.id, role: "agent" });
    expect(await ownersOf(fixture.workspaceId)).toEqual([fixture.admin.id]);
  });

  type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];
  /** Runs `first` in a transaction left open until `second` is seen waiting for it; returns second's error. */
  async function race(first: (tx: Tx) => Promise<unknown>, second: () => Promise<unknown>, waitingOn = "%for no key update%"): Promise<unknown> {
    let secondResult: Promise<unknown> | undefined;
    await getDb().transaction(async (tx) => {
      await first(tx);
      secondResult = second().then(
        () => null,
        (error: unknown) => error,
      );
      // The second waits for the first's membership lock; only then does the first commit.
      await waitFor(
        async () => {
          const waiting = await getDb().execute<{ n: number }>(sql`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ${waitingOn}`);
          return waiting.rows[0]!.n > 0;
        },
        { what: "the second change to wait for the first" },
      );
    });
    return secondResult;
  }

  it("takes away a team membership added while the removal was on its way", async () => {
    const fixture = await createPeopleFixture("Racing");
    const [billing] = await getDb().insert(teams).values({ workspaceId: fixture.workspaceId, name: "Billing" }).returning({ id: teams.id });
    const adminScope = await asMember(fixture.workspaceId, fixture.admin.id);
    const ownerScope = await asMember(fixture.workspaceId, fixture.owner.id);
    const error = await race(
      (tx) => addTeamMember({ tx, ...adminScope }, { teamId: billing!.id, userId: fixture.agent.id }),
      () => runService(ownerScope, removeMember, { userId: fixture.agent.id }),
      'delete from "memberships"%',
    );
    expect(error).toBeNull();
    expect(await getDb().select().from(teamMembers).where(eq(teamMembers.userId, fixture.agent.id))).toEqual([]);
    expect(await roleOf(fixture.workspaceId, fixture.agent.id)).toBeNull();
  });

  it("survives two owners stepping down at the same moment: one stays", async () => {
    const fixture = await workspaceWithOwners(2);
    const [a, b] = fixture.owners as [typeof fixture.owner, typeof fixture.owner];
    const scopeA = await asMember(fixture.workspaceId, a.id);
    const scopeB = await asMember(fixture.workspaceId, b.id);
    const error = await race(
      (tx) => changeMemberRole({ tx, ...scopeA }, { userId: a.id, role: "admin" }),
      () => runService(scopeB, changeMemberRole, { userId: b.id, role: "admin" }),
    );
    expect(error).toMatchObject({ code: "last_owner" });
    expect(await ownersOf(fixture.workspaceId)).toEqual([b.id]);
  });

  it("survives two owners demoting each other at the same moment: one stays", async () => {
    const fixture = await workspaceWithOwners(2);
    const [a, b] = fixture.owners as [typeof fixture.owner, typeof fixture.owner];
    const scopeA = await asMember(fixture.workspaceId, a.id);
    const scopeB = await asMember(fixture.workspaceId, b.id);
    const error = await race(
      (tx) => removeMember({ tx, ...scopeA }, { userId: b.id }),
      () => runService(scopeB, changeMemberRole, { userId: a.id, role: "agent" }),
    );
    // B was no longer an owner (nor a member) by the time their change ran.
    expect(error).toMatchObject({ code: "forbidden" });
    expect(await ownersOf(fixture.workspaceId)).toEqual([a.id]);
  });
});

describe("removing a member", () => {
  it("refuses their very next action and page", async () => {
    const fixture = await createPeopleFixture("Next request");
    signInAs(fixture.agent);
    await expect(requireWorkspacePage(fixture.workspaceId)).resolves.toMatchObject({ role: "agent" });
    await runService(await asMember(fixture.workspaceId, fixture.owner.id), removeMember, { userId: fixture.agent.id });
    await expect(requireWorkspacePage(fixture.workspaceId)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    expect(await workspaceActions.renameWorkspaceAction({ workspaceId: fixture.workspaceId, name: "Still here?" })).toMatchObject({ ok: false, code: "not_found" });
    const events = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${fixture.workspaceId}`));
    expect(events.status).toBe(404);
  });

  it("ends their open live stream at once, without waiting for the periodic re-check", async () => {
    // A day between re-checks: only the removal's own signal can end the stream within the test.
    process.env.PARLEY_LIVE_RECHECK_MS = "86400000";
    try {
      const fixture = await createPeopleFixture("Live");
      signInAs(fixture.agent);
      const mine = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${fixture.workspaceId}`));
      signInAs(fixture.admin);
      const abortAdmin = new AbortController();
      const admins = await eventsRoute.GET(new Request(`http://localhost/api/events?workspaceId=${fixture.workspaceId}`, { signal: abortAdmin.signal }));
      const read = (response: Response) => {
        const state = { text: "", done: false };
        const reader = response.body!.getReader();
        const pump = (async () => {
          for (;;) {
            const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
            if (chunk.done) break;
            state.text += new TextDecoder().decode(chunk.value);
          }
          state.done = true;
        })();
        return { state, pump };
      };
      const agentStream = read(mine);
      const adminStream = read(admins);
      await waitFor(async () => agentStream.state.text.includes("event: ready") && adminStream.state.text.includes("event: ready"), { what: "both streams ready" });

      await runService(await asMember(fixture.workspaceId, fixture.admin.id), removeMember, { userId: fixture.agent.id });
      await agentStream.pump;
      expect(agentStream.state.text).toContain("event: revoked");
      // The others' streams go on, and are told to refresh (the removed person's conversations moved).
      await waitFor(async () => adminStream.state.text.includes('"type":"member.removed"'), { what: "the admin's inbox to hear of it" });
      expect(adminStream.state.done).toBe(false);
      abortAdmin.abort();
      await adminStream.pump;
    } finally {
      delete process.env.PARLEY_LIVE_RECHECK_MS;
    }
  });

  it("leaves their open conversations unassigned in their team's queue, and keeps their name on what they wrote", async () => {
    const fixture = await createPeopleFixture("Handover");
    const db = getDb();
    const [billing] = await db.insert(teams).values({ workspaceId: fixture.workspaceId, name: "Billing" }).returning();
    const [channel] = await db.insert(channels).values({ workspaceId: fixture.workspaceId, kind: "chat", name: "Chat", isDefault: true, identitySecret: "s" }).returning();
    const contactIds = await createContacts(db, fixture.workspaceId, [{ firstName: "A" }, { firstName: "B" }, { firstName: "C" }, { firstName: "D" }, { firstName: "E" }, { firstName: "F" }]);
    const base = { workspaceId: fixture.workspaceId, channelId: channel!.id, origin: "inbound" as const, openedAt: new Date() };
    const rows = await db
      .insert(conversations)
      .values([
        { ...base, contactId: contactIds[0]!, state: "open", assigneeUserId: fixture.agent.id, assigneeTeamId: billing!.id },
        { ...base, contactId: contactIds[1]!, state: "open", assigneeUserId: fixture.agent.id },
        { ...base, contactId: contactIds[2]!, state: "snoozed", assigneeUserId: fixture.agent.id, snoozedUntil: new Date(Date.now() + 86_400_000) },
        { ...base, contactId: contactIds[3]!, state: "closed", assigneeUserId: fixture.agent.id, closedAt: new Date() },
        { ...base, contactId: contactIds[4]!, state: "campaign", openedAt: null, origin: "workflow", assignOnOpen: { type: "user", userId: fixture.agent.id } },
        { ...base, contactId: contactIds[5]!, state: "open", assigneeUserId: fixture.admin.id },
      ])
      .returning({ id: conversations.id });
    const [withTeam, withoutTeam, snoozed, closed, campaign, someoneElses] = rows.map((row) => row.id) as [string, string, string, string, string, string];
    await db.insert(messages).values({
      workspaceId: fixture.workspaceId,
      conversationId: withTeam,
      authorType: "agent",
      authorUserId: fixture.agent.id,
      authorName: "Agnes Agent",
      body: { type: "doc", content: [] },
      html: "<p>On it</p>",
      text: "On it",
    });

    signInAs(fixture.owner);
    expect(await memberActions.removeMemberAction({ workspaceId: fixture.workspaceId, userId: fixture.agent.id })).toEqual({ ok: true, data: { unassigned: 3 } });

    const byId = new Map((await db.select().from(conversations).where(eq(conversations.workspaceId, fixture.workspaceId))).map((row) => [row.id, row]));
    expect(byId.get(withTeam)).toMatchObject({ assigneeUserId: null, assigneeTeamId: billing!.id });
    // No team of its own: it goes to the queue of the one team the agent was in.
    expect(byId.get(withoutTeam)).toMatchObject({ assigneeUserId: null, assigneeTeamId: fixture.supportTeamId });
    expect(byId.get(snoozed)).toMatchObject({ assigneeUserId: null, assigneeTeamId: fixture.supportTeamId, state: "snoozed" });
    expect(byId.get(closed)).toMatchObject({ assigneeUserId: fixture.agent.id, state: "closed" });
    expect(byId.get(campaign)!.assignOnOpen).toEqual({ type: "team", teamId: fixture.supportTeamId });
    expect(byId.get(someoneElses)).toMatchObject({ assigneeUserId: fixture.admin.id });

    const viewer = { workspaceId: fixture.workspaceId, userId: fixture.owner.id };
    const supportQueue = await listInboxConversations({ viewer, filters: { team: fixture.supportTeamId }, status: "open", sort: "newest" });
    expect(supportQueue.items.map((item) => item.id)).toEqual([withoutTeam]);
    const billingQueue = await listInboxConversations({ viewer, filters: { team: billing!.id }, status: "open", sort: "newest" });
    expect(billingQueue.items.map((item) => item.id)).toEqual([withTeam]);

    const [message] = await db.select().from(messages).where(eq(messages.conversationId, withTeam));
    expect(message).toMatchObject({ authorName: "Agnes Agent", authorUserId: fixture.agent.id });
    expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, fixture.agent.id))).toEqual([]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, fixture.workspaceId), eq(auditLog.action, "member.removed")));
    expect(entry).toMatchObject({ actorUserId: fixture.owner.id, targetId: fixture.agent.id, data: { name: "Agnes Agent", email: fixture.agent.email, role: "agent", unassignedConversations: 3 } });
  });

  it("sends a teamless conversation to Unassigned when the person was in several teams, or none", async () => {
    const fixture = await createPeopleFixture("Several teams");
    const db = getDb();
    const [second] = await db.insert(teams).values({ workspaceId: fixture.workspaceId, name: "Second" }).returning();
    await db.insert(teamMembers).values({ teamId: second!.id, userId: fixture.agent.id });
    const [channel] = await db.insert(channels).values({ workspaceId: fixture.workspaceId, kind: "chat", name: "Chat", isDefault: true, identitySecret: "s" }).returning();
    const [contact] = await createContacts(db, fixture.workspaceId, [{ firstName: "Z" }]);
    const [row] = await db
      .insert(conversations)
      .values({ workspaceId: fixture.workspaceId, channelId: channel!.id, contactId: contact!, origin: "inbound", state: "open", openedAt: new Date(), assigneeUserId: fixture.agent.id })
      .returning();
    await runService(await asMember(fixture.workspaceId, fixture.owner.id), removeMember, { userId: fixture.agent.id });
    const [after] = await db.select().from(conversations).where(eq(conversations.id, row!.id));
    expect(after).toMatchObject({ assigneeUserId: null, assigneeTeamId: null });
    const unassigned = await listInboxConversations({ viewer: { workspaceId: fixture.workspaceId, userId: fixture.owner.id }, filters: { assignee: "unassigned", team: "none" }, status: "open", sort: "newest" });
    expect(unassigned.items.map((item) => item.id)).toEqual([row!.id]);
  });
});

describe("workspaces stay apart", () => {
  it("another workspace's owner can neither change the role of nor remove this one's members", async () => {
    const outsider = await asMember(other.workspaceId, other.owner.id);
    await expect(runService(outsider, changeMemberRole, { userId: ws.agent.id, role: "owner" })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(outsider, removeMember, { userId: ws.agent.id })).rejects.toMatchObject({ code: "not_found" });
    signInAs(other.owner);
    expect(await memberActions.removeMemberAction({ workspaceId: ws.workspaceId, userId: ws.agent.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await roleOf(ws.workspaceId, ws.agent.id)).toBe("agent");
    signedIn.user = null;
    expect(await memberActions.removeMemberAction({ workspaceId: ws.workspaceId, userId: ws.agent.id })).toMatchObject({ ok: false, code: "unauthorized" });
  });
});
