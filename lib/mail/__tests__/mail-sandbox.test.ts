import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { mails } from "@/lib/db/schema/mail";
import { memberships, users, workspaces } from "@/lib/db/schema/workspaces";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { findSandboxMail, listSandboxMails, MAIL_SANDBOX_PAGE_SIZE } from "@/lib/mail/mail-sandbox";
import { queueMail } from "@/lib/mail/queue-mail";
import { useTestDatabase } from "@/lib/testing/test-database";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();
let worker: WorkerHandle;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  worker = await startWorker({ connectionString: url, concurrency: 2 });
});
afterAll(() => worker.stop());

async function person(name: string) {
  const [user] = await getDb().insert(users).values({ email: `${name}-${randomUUID()}@example.com`, name }).returning();
  return user!;
}
const mail = (to: string, subject: string, scope: { workspaceId: string | null; userId?: string | null }) =>
  queueMail(getDb(), { ...scope, kind: "password_reset", to, subject, html: `<p>${subject}</p>`, text: subject }).then((queued) => queued.mailId);

describe("the mail sandbox", () => {
  it("keeps mail without SMTP_URL, and shows each workspace's owners only that workspace's mail and the kept account mail of members whose every workspace they own", async () => {
    const [a, b] = await getDb().insert(workspaces).values([{ name: "A" }, { name: "B" }]).returning();
    const [ownerOfA, ownerOfBoth, inA, inB, inBoth, joinsLater] = [
      await person("owner-of-a"),
      await person("owner-of-both"),
      await person("in-a"),
      await person("in-b"),
      await person("in-both"),
      await person("joins-later"),
    ];
    await getDb().insert(memberships).values([
      { workspaceId: a!.id, userId: ownerOfA.id, role: "owner" },
      { workspaceId: a!.id, userId: ownerOfBoth.id, role: "owner" },
      { workspaceId: b!.id, userId: ownerOfBoth.id, role: "owner" },
      { workspaceId: a!.id, userId: inA.id, role: "agent" },
      { workspaceId: b!.id, userId: inB.id, role: "agent" },
      { workspaceId: a!.id, userId: inBoth.id, role: "agent" },
      { workspaceId: b!.id, userId: inBoth.id, role: "owner" },
    ]);
    const ids = {
      aInvitation: await mail("x@example.com", "A's invitation", { workspaceId: a!.id }),
      bInvitation: await mail("y@example.com", "B's invitation", { workspaceId: b!.id }),
      inAReset: await mail(inA.email, "in-a reset", { workspaceId: null, userId: inA.id }),
      inBReset: await mail(inB.email, "in-b reset", { workspaceId: null, userId: inB.id }),
      inBothReset: await mail(inBoth.email, "in-both reset", { workspaceId: null, userId: inBoth.id }),
      nobodys: await mail("stranger@example.com", "nobody's", { workspaceId: null }),
      beforeJoining: await mail(joinsLater.email, "before joining", { workspaceId: null, userId: joinsLater.id }),
    };
    // Written before they joined A: A's owners never see what was mailed to them before.
    await getDb().update(mails).set({ createdAt: sql`now() - interval '1 day'` }).where(eq(mails.id, ids.beforeJoining));
    await getDb().insert(memberships).values({ workspaceId: a!.id, userId: joinsLater.id, role: "agent" });
    const afterJoining = await mail(joinsLater.email, "after joining", { workspaceId: null, userId: joinsLater.id });

    await waitFor(
      async () => {
        const rows = await getDb().select({ status: mails.status }).from(mails).where(inArray(mails.id, [...Object.values(ids), afterJoining]));
        return rows.every((row) => row.status === "sandboxed");
      },
      { what: "every mail to be kept in the sandbox" },
    );

    const viewer = (workspaceId: string, ownerUserId: string) => ({ workspaceId, ownerUserId });
    const subjects = async (v: ReturnType<typeof viewer>) => (await listSandboxMails(getDb(), v, 1)).mails.map((m) => m.subject).sort();
    // in-both also owns B: only an owner of both A and B may hand on their reset link.
    expect(await subjects(viewer(a!.id, ownerOfA.id))).toEqual(["A's invitation", "after joining", "in-a reset"].sort());
    expect(await subjects(viewer(a!.id, ownerOfBoth.id))).toEqual(["A's invitation", "after joining", "in-a reset", "in-both reset"].sort());
    expect(await subjects(viewer(b!.id, ownerOfBoth.id))).toEqual(["B's invitation", "in-b reset", "in-both reset"].sort());

    expect(await findSandboxMail(getDb(), viewer(a!.id, ownerOfA.id), ids.aInvitation)).toMatchObject({ subject: "A's invitation", status: "sandboxed", html: "<p>A's invitation</p>" });
    for (const hidden of [ids.bInvitation, ids.inBReset, ids.inBothReset, ids.nobodys, ids.beforeJoining]) {
      expect(await findSandboxMail(getDb(), viewer(a!.id, ownerOfA.id), hidden)).toBeNull();
    }
    expect(await findSandboxMail(getDb(), viewer(b!.id, ownerOfBoth.id), ids.inAReset)).toBeNull();
    expect(await findSandboxMail(getDb(), viewer(b!.id, ownerOfBoth.id), randomUUID())).toBeNull();
  });

  it("never shows account mail that went out over SMTP: a reset link is only its addressee's", async () => {
    const [d] = await getDb().insert(workspaces).values({ name: "D" }).returning();
    const [owner, member] = [await person("owner-of-d"), await person("member-of-d")];
    await getDb().insert(memberships).values([
      { workspaceId: d!.id, userId: owner.id, role: "owner" },
      { workspaceId: d!.id, userId: member.id, role: "agent" },
    ]);
    const sent = await mail(member.email, "sent reset", { workspaceId: null, userId: member.id });
    await waitFor(async () => (await getDb().select({ status: mails.status }).from(mails).where(eq(mails.id, sent)))[0]?.status === "sandboxed", { what: "the mail to be kept" });
    // As the mail-send job marks a mail it delivered.
    await getDb().update(mails).set({ status: "sent" }).where(eq(mails.id, sent));
    expect(await findSandboxMail(getDb(), { workspaceId: d!.id, ownerUserId: owner.id }, sent)).toBeNull();
  });

  it("lists newest first, a page at a time, with the total", async () => {
    const [c] = await getDb().insert(workspaces).values({ name: "C" }).returning();
    for (let i = 0; i < MAIL_SANDBOX_PAGE_SIZE + 5; i++) {
      const id = await mail(`p${i}@example.com`, `mail ${i}`, { workspaceId: c!.id });
      await getDb().update(mails).set({ createdAt: sql`now() - make_interval(mins => ${100 - i})` }).where(eq(mails.id, id));
    }
    const first = await listSandboxMails(getDb(), { workspaceId: c!.id, ownerUserId: randomUUID() }, 1);
    const second = await listSandboxMails(getDb(), { workspaceId: c!.id, ownerUserId: randomUUID() }, 2);
    expect(first.total).toBe(MAIL_SANDBOX_PAGE_SIZE + 5);
    expect(first.mails).toHaveLength(MAIL_SANDBOX_PAGE_SIZE);
    expect(first.mails[0]!.subject).toBe(`mail ${MAIL_SANDBOX_PAGE_SIZE + 4}`);
    expect(second.mails.map((m) => m.subject)).toEqual(["mail 4", "mail 3", "mail 2", "mail 1", "mail 0"]);
  });
});
