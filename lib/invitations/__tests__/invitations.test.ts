import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { and, desc, eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { mails } = await import("@/lib/db/schema/mail");
const { invitations } = await import("@/lib/db/schema/people");
const { auditLog } = await import("@/lib/db/schema/platform");
const { memberships, teamMembers, teams, users, workspaces } = await import("@/lib/db/schema/workspaces");
const { verifyPassword } = await import("@/lib/auth/password");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { startSmtpReceiver } = await import("@/lib/testing/smtp-receiver");
const { addMember, createPeopleFixture, createPerson } = await import("@/lib/testing/people-fixture");
const { waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { acceptInvitation, findInvitationByToken } = await import("@/lib/invitations/accept-invitation");
const { copyInvitationLink, INVITATION_LIMITS, inviteMember, resendInvitation, revokeInvitation } = await import("@/lib/invitations/invitations");
const { inviteMemberSchema } = await import("@/lib/invitations/invitations.validation");
const actions = await import("@/lib/actions/invitations");

type Fixture = Awaited<ReturnType<typeof createPeopleFixture>>;
let ws: Fixture;
let other: Fixture;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = "https://parley.example.com";
  smtp = await startSmtpReceiver();
  worker = await startWorker({ connectionString: url, concurrency: 2 });
  ws = await createPeopleFixture("Northwind");
  other = await createPeopleFixture("Contoso");
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.NEXTAUTH_URL;
});
beforeEach(() => {
  signedIn.user = null;
});

let counter = 0;
const address = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}@example.com`;
const TOKEN = /\/invite\?token=([A-Za-z0-9_-]{43})/;

/** The link of the latest invitation mail to this address (the mail is written in the inviting transaction). */
async function latestMail(to: string) {
  const [mail] = await getDb().select().from(mails).where(eq(mails.toAddress, to)).orderBy(desc(mails.createdAt), desc(mails.id)).limit(1);
  return mail!;
}
async function latestToken(to: string): Promise<string> {
  return (await latestMail(to)).text.match(TOKEN)![1]!;
}
const invitationOf = async (id: string) => (await getDb().select().from(invitations).where(eq(invitations.id, id)))[0]!;
const auditActions = async (workspaceId: string) =>
  (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(auditLog.id)).map((row) => row.action);

async function invite(by: { id: string }, email: string, role: "owner" | "admin" | "agent" = "agent", teamIds: string[] = [], fixture = ws) {
  return runService(await asMember(fixture.workspaceId, by.id), inviteMember, inviteMemberSchema.parse({ email, role, teamIds }));
}

describe("inviting", () => {
  it("lets owners invite with any role, admins agents only, and agents not at all", async () => {
    signInAs(ws.owner);
    for (const role of ["owner", "admin", "agent"] as const) {
      expect(await actions.inviteMemberAction({ workspaceId: ws.workspaceId, email: address(`owner-invites-${role}`), role })).toMatchObject({ ok: true });
    }
    signInAs(ws.admin);
    expect(await actions.inviteMemberAction({ workspaceId: ws.workspaceId, email: address("admin-invites-agent"), role: "agent" })).toMatchObject({ ok: true });
    for (const role of ["owner", "admin"] as const) {
      expect(await actions.inviteMemberAction({ workspaceId: ws.workspaceId, email: address(`admin-invites-${role}`), role })).toMatchObject({
        ok: false,
        code: "forbidden",
        error: expect.stringMatching(/Admins can invite agents only/),
      });
    }
    signInAs(ws.agent);
    expect(await actions.inviteMemberAction({ workspaceId: ws.workspaceId, email: address("agent-invites"), role: "agent" })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("stores only the token's hash, lower-cases the address, expires in 7 days, and audits it", async () => {
    const email = address("Mixed.Case").toUpperCase();
    const { invitationId } = await invite(ws.owner, `  ${email} `, "agent", [ws.supportTeamId]);
    const row = await invitationOf(invitationId);
    expect(row).toMatchObject({ email: email.toLowerCase(), role: "agent", teamIds: [ws.supportTeamId], invitedBy: ws.owner.id, acceptedAt: null, revokedAt: null });
    const token = await latestToken(email.toLowerCase());
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.targetId, invitationId)));
    expect(entry).toMatchObject({ action: "member.invited", actorUserId: ws.owner.id, data: { email: email.toLowerCase(), role: "agent", teams: ["Support"] } });
  });

  it("says so when the address is already a member, or already has a pending invitation", async () => {
    await expect(invite(ws.owner, ws.agent.email.toUpperCase())).rejects.toMatchObject({ code: "already_member", message: `${ws.agent.email} is already a member of this workspace.` });
    const email = address("twice");
    await invite(ws.owner, email);
    await expect(invite(ws.admin, email)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already has a pending invitation/) });
  });

  it("replaces an expired invitation to the same address with a new one", async () => {
    const email = address("expired-then-again");
    const first = await invite(ws.owner, email);
    await getDb().update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.id, first.invitationId));
    const second = await invite(ws.owner, email);
    expect(second.invitationId).not.toBe(first.invitationId);
    expect((await invitationOf(first.invitationId)).revokedAt).not.toBeNull();
  });
});

describe("the invitation mail", () => {
  it("goes out over SMTP as HTML and text, naming the workspace and the inviter, with a working link", async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Parley <parley@example.com>";
    try {
      const email = address("smtp");
      await invite(ws.owner, email, "admin");
      const mail = await latestMail(email);
      await waitFor(async () => (await getDb().select().from(mails).where(eq(mails.id, mail.id)))[0]!.status === "sent", { what: "the invitation to be sent" });
      const got = smtp.received.find((received) => received.envelopeTo.includes(email))!;
      expect(got.subject).toBe("Olive Owner invited you to Northwind on Parley");
      expect(got.text).toContain("Olive Owner invited you to join Northwind on Parley as an admin.");
      expect(got.html).toContain("<strong>Northwind</strong>");
      const link = got.text!.match(/https:\/\/parley\.example\.com\/invite\?token=[A-Za-z0-9_-]{43}/)![0];
      expect(got.html).toContain(link);
      const view = await findInvitationByToken(getDb(), new URL(link).searchParams.get("token"));
      expect(view).toMatchObject({ email, role: "admin", state: "usable", workspace: { name: "Northwind" }, inviterName: "Olive Owner", accountUserId: null });
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it("stays in the mail sandbox without SMTP_URL", async () => {
    const email = address("sandbox");
    const sentBefore = smtp.received.length;
    await invite(ws.owner, email);
    const mail = await latestMail(email);
    await waitFor(async () => (await getDb().select().from(mails).where(eq(mails.id, mail.id)))[0]!.status === "sandboxed", { what: "the invitation to be sandboxed" });
    expect(mail).toMatchObject({ workspaceId: ws.workspaceId, kind: "invitation", subject: "Olive Owner invited you to Northwind on Parley" });
    expect(mail.html).toMatch(TOKEN);
    expect(smtp.received.length).toBe(sentBefore);
  });

  it("escapes names in the HTML", async () => {
    const [team] = await getDb().insert(teams).values({ workspaceId: other.workspaceId, name: "x" }).returning();
    const mischief = await createPerson("<img src=x onerror=alert(1)>");
    await addMember(other.workspaceId, mischief, "owner");
    const email = address("escaped");
    await invite(mischief, email, "agent", [team!.id], other);
    const mail = await latestMail(email);
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("copying the link and resending", () => {
  it("issue a fresh token each time; the earlier link stops working", async () => {
    const email = address("rotate");
    const { invitationId } = await invite(ws.owner, email);
    const mailed = await latestToken(email);
    expect((await findInvitationByToken(getDb(), mailed))?.state).toBe("usable");

    signInAs(ws.admin);
    const copied = await actions.copyInvitationLinkAction({ workspaceId: ws.workspaceId, invitationId });
    expect(copied).toMatchObject({ ok: true, data: { path: expect.stringMatching(/^\/invite\?token=[A-Za-z0-9_-]{43}$/), email } });
    const copiedToken = new URLSearchParams((copied as { data: { path: string } }).data.path.split("?")[1]).get("token")!;
    expect(await findInvitationByToken(getDb(), mailed)).toBeNull();
    expect((await findInvitationByToken(getDb(), copiedToken))?.state).toBe("usable");

    expect(await actions.resendInvitationAction({ workspaceId: ws.workspaceId, invitationId })).toMatchObject({ ok: true, data: { email } });
    const resent = await latestToken(email);
    expect(resent).not.toBe(mailed);
    expect(await findInvitationByToken(getDb(), copiedToken)).toBeNull();
    expect((await findInvitationByToken(getDb(), resent))?.state).toBe("usable");
    await expect(runService(await asMember(ws.workspaceId, ws.owner.id), acceptInvitation, { token: copiedToken, name: "Late", password: "a long password", signedInUserId: null })).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringMatching(/not valid/),
    });
    expect((await auditActions(ws.workspaceId)).filter((action) => action.startsWith("invitation."))).toEqual(expect.arrayContaining(["invitation.link_copied", "invitation.resent"]));
  });

  it("renews an expired invitation when resent", async () => {
    const email = address("renew");
    const { invitationId } = await invite(ws.owner, email);
    await getDb().update(invitations).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(invitations.id, invitationId));
    expect((await findInvitationByToken(getDb(), await latestToken(email)))?.state).toBe("expired");
    await runService(await asMember(ws.workspaceId, ws.owner.id), resendInvitation, { invitationId });
    const renewed = await findInvitationByToken(getDb(), await latestToken(email));
    expect(renewed?.state).toBe("usable");
    expect(renewed!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("lets admins handle agents' invitations only", async () => {
    const email = address("owner-invite");
    const { invitationId } = await invite(ws.owner, email, "owner");
    const admin = await asMember(ws.workspaceId, ws.admin.id);
    for (const service of [resendInvitation, copyInvitationLink, revokeInvitation]) {
      await expect(runService(admin, service, { invitationId })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await invitationOf(invitationId)).toMatchObject({ revokedAt: null });
  });
});

describe("revoking and expiry", () => {
  it("a revoked invitation says so and cannot be accepted", async () => {
    const email = address("revoked");
    const { invitationId } = await invite(ws.owner, email);
    const token = await latestToken(email);
    signInAs(ws.owner);
    expect(await actions.revokeInvitationAction({ workspaceId: ws.workspaceId, invitationId })).toMatchObject({ ok: true });
    expect((await findInvitationByToken(getDb(), token))?.state).toBe("revoked");
    signedIn.user = null;
    expect(await actions.acceptInvitationAction({ token, name: "Rita", password: "a long password" })).toMatchObject({
      ok: false,
      code: "invitation_unusable",
      error: "This invitation was revoked. Ask the person who invited you for a new one.",
    });
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
    // Revoked invitations leave the pending list: resending one is "not found".
    signInAs(ws.owner);
    expect(await actions.resendInvitationAction({ workspaceId: ws.workspaceId, invitationId })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("an expired invitation says so and cannot be accepted", async () => {
    const email = address("expired");
    const { invitationId } = await invite(ws.owner, email);
    const token = await latestToken(email);
    await getDb().update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.id, invitationId));
    expect((await findInvitationByToken(getDb(), token))?.state).toBe("expired");
    expect(await actions.acceptInvitationAction({ token, name: "Eve", password: "a long password" })).toMatchObject({
      ok: false,
      code: "invitation_unusable",
      error: "This invitation has expired. Ask the person who invited you to send it again.",
    });
  });

  it("an unknown or malformed token is not valid, and looks up nothing", async () => {
    expect(await findInvitationByToken(getDb(), "x".repeat(43))).toBeNull();
    expect(await findInvitationByToken(getDb(), "' OR 1=1 --")).toBeNull();
    expect(await actions.acceptInvitationAction({ token: "nope", name: "N", password: "a long password" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("accepting", () => {
  it("no longer works once its workspace is being deleted: nothing is shown and nobody joins", async () => {
    const doomed = await createPeopleFixture("Doomed");
    const email = address("doomed");
    await invite(doomed.owner, email, "agent", [], doomed);
    const token = await latestToken(email);
    expect((await findInvitationByToken(getDb(), token))?.state).toBe("usable");
    await getDb().update(workspaces).set({ deletionStartedAt: new Date() }).where(eq(workspaces.id, doomed.workspaceId));
    expect(await findInvitationByToken(getDb(), token)).toBeNull();
    expect(await actions.acceptInvitationAction({ token, name: "Too Late", password: "a long password" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await getDb().select().from(memberships).where(eq(memberships.workspaceId, doomed.workspaceId))).toHaveLength(3);
  });

  it("creates the account and the membership for someone new, once", async () => {
    const email = address("newcomer");
    const { invitationId } = await invite(ws.owner, email, "agent", [ws.supportTeamId]);
    const token = await latestToken(email);

    expect(await actions.acceptInvitationAction({ token, name: "  ", password: "a long password" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Enter your name."] } });
    expect(await actions.acceptInvitationAction({ token, name: "Nina New", password: "short" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { password: [expect.stringMatching(/at least 10/)] } });
    expect(await actions.acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Enter your name."] } });

    const accepted = await actions.acceptInvitationAction({ token, name: "Nina New", password: "correct horse battery" });
    expect(accepted).toEqual({ ok: true, data: { workspaceId: ws.workspaceId, email, createdAccount: true, alreadyMember: false } });
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: "Nina New" });
    expect(await verifyPassword("correct horse battery", user!.passwordHash!)).toBe(true);
    expect(await getDb().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, ws.workspaceId), eq(memberships.userId, user!.id)))).toEqual([{ role: "agent" }]);
    expect(await getDb().select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, user!.id))).toEqual([{ teamId: ws.supportTeamId }]);
    expect(await invitationOf(invitationId)).toMatchObject({ acceptedBy: user!.id, acceptedAt: expect.any(Date) });
    const [joined] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, "member.joined"), eq(auditLog.targetId, user!.id)));
    expect(joined).toMatchObject({ actorUserId: user!.id, data: { email, role: "agent", teams: ["Support"], newAccount: true } });

    // Single use: the same link again is refused, and no second account appears.
    expect(await actions.acceptInvitationAction({ token, name: "Nina Again", password: "correct horse battery" })).toMatchObject({ ok: false, code: "invitation_unusable", details: { state: "accepted" } });
    expect((await findInvitationByToken(getDb(), token))?.state).toBe("accepted");
    expect(await getDb().select().from(users).where(sql`lower(${users.email}) = ${email}`)).toHaveLength(1);
  });

  it("adds the membership to an existing account once its owner signs in", async () => {
    const existing = await createPerson("Erin Existing");
    await addMember(other.workspaceId, existing, "owner");
    await invite(ws.owner, existing.email.toUpperCase(), "admin", [ws.supportTeamId]);
    const token = await latestToken(existing.email);
    const view = await findInvitationByToken(getDb(), token);
    expect(view).toMatchObject({ accountUserId: existing.id, alreadyMember: false, state: "usable" });

    expect(await actions.acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "unauthorized", error: expect.stringMatching(/sign in to accept/) });
    // A password from the form never touches an existing account.
    expect(await actions.acceptInvitationAction({ token, name: "Impostor", password: "a long password" })).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs(ws.agent);
    expect(await actions.acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "forbidden", error: expect.stringContaining(`This invitation is for ${existing.email}`) });

    signInAs(existing);
    expect(await actions.acceptInvitationAction({ token })).toEqual({ ok: true, data: { workspaceId: ws.workspaceId, email: existing.email, createdAccount: false, alreadyMember: false } });
    expect(await getDb().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, ws.workspaceId), eq(memberships.userId, existing.id)))).toEqual([{ role: "admin" }]);
    expect(await getDb().select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, existing.id))).toEqual([{ teamId: ws.supportTeamId }]);
    const [user] = await getDb().select().from(users).where(eq(users.id, existing.id));
    expect(user).toMatchObject({ name: "Erin Existing", passwordHash: null });
    // Their other workspace is untouched.
    expect(await getDb().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, other.workspaceId), eq(memberships.userId, existing.id)))).toEqual([{ role: "owner" }]);
  });

  it("lets one of two tabs accepting the same link at once join, and tells the other it was used", async () => {
    const email = address("two-tabs");
    await invite(ws.owner, email);
    const token = await latestToken(email);
    const results = await Promise.all([
      actions.acceptInvitationAction({ token, name: "Tab One", password: "a long password" }),
      actions.acceptInvitationAction({ token, name: "Tab Two", password: "a long password" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ code: "invitation_unusable", details: { state: "accepted" } });
    const accounts = await getDb().select().from(users).where(eq(users.email, email));
    expect(accounts).toHaveLength(1);
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, accounts[0]!.id))).toHaveLength(1);
  });

  it("skips invited teams deleted meanwhile", async () => {
    const [gone] = await getDb().insert(teams).values({ workspaceId: ws.workspaceId, name: `Gone ${counter}` }).returning();
    const email = address("team-gone");
    await invite(ws.owner, email, "agent", [gone!.id, ws.supportTeamId]);
    const token = await latestToken(email);
    await getDb().delete(teams).where(eq(teams.id, gone!.id));
    expect(await actions.acceptInvitationAction({ token, name: "Tess", password: "a long password" })).toMatchObject({ ok: true });
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(await getDb().select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, user!.id))).toEqual([{ teamId: ws.supportTeamId }]);
  });
});

describe("rate limits", () => {
  it("refuse more than a few invitation mails to one address in an hour, whichever workspace sends them", async () => {
    const email = address("flooded");
    const { invitationId } = await invite(ws.owner, email);
    const owner = await asMember(ws.workspaceId, ws.owner.id);
    for (let i = 1; i < INVITATION_LIMITS.perAddress.max; i++) await runService(owner, resendInvitation, { invitationId });
    await expect(runService(owner, resendInvitation, { invitationId })).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many invitations to .* for now\. Try again in \d+ minutes?\.$/) });
    await expect(invite(other.owner, email, "agent", [], other)).rejects.toMatchObject({ code: "rate_limited" });
    // Copying the link mails nothing and still works.
    expect(await runService(owner, copyInvitationLink, { invitationId })).toMatchObject({ path: expect.any(String) });
  });

  it("refuse more than the workspace's hourly invitations", async () => {
    const busy = await createPeopleFixture("Busy");
    for (let i = 0; i < INVITATION_LIMITS.perWorkspace.max; i++) await invite(busy.owner, address(`busy-${i}`), "agent", [], busy);
    await expect(invite(busy.owner, address("one-too-many"), "agent", [], busy)).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many invitations from this workspace/) });
    // Another workspace is not held back by it.
    await invite(other.owner, address("elsewhere"), "agent", [], other);
  });
});

describe("workspaces stay apart", () => {
  it("another workspace cannot see, resend, copy, revoke or use a team of this one's invitations", async () => {
    const email = address("apart");
    const { invitationId } = await invite(ws.owner, email);
    const outsider = await asMember(other.workspaceId, other.owner.id);
    for (const service of [resendInvitation, copyInvitationLink, revokeInvitation]) {
      await expect(runService(outsider, service, { invitationId })).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(invite(other.owner, address("foreign-team"), "agent", [ws.supportTeamId], other)).rejects.toMatchObject({ code: "not_found", message: "That team was not found." });
    signInAs(other.owner);
    expect(await actions.revokeInvitationAction({ workspaceId: ws.workspaceId, invitationId })).toMatchObject({ ok: false, code: "not_found" });
    expect(await actions.inviteMemberAction({ workspaceId: ws.workspaceId, email: address("intruder"), role: "owner" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await invitationOf(invitationId)).toMatchObject({ revokedAt: null });
  });
});
