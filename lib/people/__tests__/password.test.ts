import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Only the cookie is simulated: which session the browser presents. Accounts, session versions
// and every query are real.
const browser: { session: { user: { id: string }; sessionVersion: number } | null; client: string } = { session: null, client: "203.0.113.10" };
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => browser.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": browser.client }) }));

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { and, eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { oneTimeTokens } = await import("@/lib/db/schema/accounts");
const { users } = await import("@/lib/db/schema/workspaces");
const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
const { authOptions } = await import("@/lib/auth/options");
const { getSessionUser } = await import("@/lib/auth/session");
const { changePasswordAction, requestPasswordResetAction, resetPasswordAction } = await import("@/lib/actions/account");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { startSmtpReceiver } = await import("@/lib/testing/smtp-receiver");
const { waitFor } = await import("@/lib/workflow/testing/workspace-fixture");

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const credentials = authOptions.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
const signIn = (email: string, password: string) => credentials.options.authorize({ email, password }, { headers: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}` } });
const jwt = authOptions.callbacks!.jwt!;

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Parley <parley@example.com>";
  process.env.NEXTAUTH_URL = "https://parley.example";
  worker = await startWorker({ connectionString: url, concurrency: 2 });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.NEXTAUTH_URL;
});

async function createAccount(password = "old password 1") {
  const email = `p-${randomUUID()}@example.com`;
  const [user] = await getDb().insert(users).values({ email, name: "Pat", passwordHash: await hashPassword(password) }).returning();
  return { id: user!.id, email, password };
}
const account = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0]!;
const sessionOf = async (id: string) => ({ user: { id }, sessionVersion: (await account(id)).sessionVersion });
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(address));
const resetLinkIn = (text: string | undefined) => text?.match(/https:\/\/parley\.example\/reset-password\?token=([A-Za-z0-9_-]{43})/);
/** Every queued reset lookup and mail has been processed. */
const queueDrained = () =>
  waitFor(
    async () => {
      const { rows } = await getDb().execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier IN ('password-reset-request', 'mail-send')`,
      );
      return rows[0]!.n === 0;
    },
    { what: "the reset jobs to finish" },
  );

describe("changing a password", () => {
  it("needs the current password and a new one of at least 10 characters; changes nothing otherwise", async () => {
    const me = await createAccount();
    browser.session = await sessionOf(me.id);
    expect(await changePasswordAction({ currentPassword: "not it", newPassword: "a brand new one" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    expect(await changePasswordAction({ currentPassword: me.password, newPassword: "short" })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: ["Use at least 10 characters."] },
    });
    const after = await account(me.id);
    expect(after.sessionVersion).toBe(0);
    expect(await verifyPassword(me.password, after.passwordHash!)).toBe(true);
  });

  it("ends the account's other sessions; this browser keeps its own with the proof, and no other can", async () => {
    const me = await createAccount();
    const otherBrowser = await sessionOf(me.id);
    browser.session = await sessionOf(me.id);
    const result = await changePasswordAction({ currentPassword: me.password, newPassword: "correct horse battery" });
    expect(result).toMatchObject({ ok: true, data: { sessionProof: expect.any(String) } });
    const { sessionProof } = (result as { data: { sessionProof: string } }).data;
    expect((await account(me.id)).sessionVersion).toBe(1);

    // Both cookies carry the old version: neither is a session any more…
    expect(await getSessionUser()).toBeNull();
    browser.session = otherBrowser;
    expect(await getSessionUser()).toBeNull();

    // …until this browser's useSession().update({ sessionProof }) re-signs its token.
    const updated = await jwt({ token: { sub: me.id, sv: 0 }, trigger: "update", session: { sessionProof } } as never);
    expect(updated.sv).toBe(1);
    browser.session = { user: { id: me.id }, sessionVersion: updated.sv as number };
    expect(await getSessionUser()).toMatchObject({ id: me.id });

    // An update without the proof (a stolen old cookie trying to revive itself) changes nothing,
    // and a proof is bound to its account.
    expect((await jwt({ token: { sub: me.id, sv: 0 }, trigger: "update", session: {} } as never)).sv).toBe(0);
    const stranger = await createAccount();
    await getDb().update(users).set({ sessionVersion: 1 }).where(eq(users.id, stranger.id));
    expect((await jwt({ token: { sub: stranger.id, sv: 0 }, trigger: "update", session: { sessionProof } } as never)).sv).toBe(0);

    await expect(signIn(me.email, "correct horse battery")).resolves.toMatchObject({ id: me.id });
    await expect(signIn(me.email, me.password)).rejects.toThrow();
  });

  it("limits guesses of the current password per account", async () => {
    const me = await createAccount();
    browser.session = await sessionOf(me.id);
    for (let i = 0; i < 10; i++) expect(await changePasswordAction({ currentPassword: `guess ${i}`, newPassword: "a brand new one" })).toMatchObject({ code: "invalid_input" });
    expect(await changePasswordAction({ currentPassword: me.password, newPassword: "a brand new one" })).toMatchObject({ ok: false, code: "rate_limited" });
  });

  it("needs a session", async () => {
    browser.session = null;
    expect(await changePasswordAction({ currentPassword: "x", newPassword: "a brand new one" })).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("forgot password", () => {
  it("answers the same whether or not the address has an account, and mails a link only to an account", async () => {
    const me = await createAccount();
    const nobody = `nobody-${randomUUID()}@example.com`;
    browser.client = "203.0.113.20";
    const known = await requestPasswordResetAction({ email: `  ${me.email.toUpperCase()} ` });
    const unknown = await requestPasswordResetAction({ email: nobody });
    expect(known).toEqual({ ok: true, data: undefined });
    expect(unknown).toEqual(known);

    await waitFor(async () => mailsTo(me.email).length === 1, { what: "the reset mail over SMTP" });
    await queueDrained();
    expect(mailsTo(nobody)).toEqual([]);
    const mail = mailsTo(me.email)[0]!;
    expect(mail.subject).toBe("Reset your Parley password");
    expect(resetLinkIn(mail.html || undefined)).toBeTruthy();
    expect(resetLinkIn(mail.text)).toBeTruthy();
    const [token] = await getDb().select().from(oneTimeTokens).where(and(eq(oneTimeTokens.userId, me.id), eq(oneTimeTokens.purpose, "password_reset")));
    expect((token!.expiresAt.getTime() - token!.createdAt.getTime()) / 1000).toBeCloseTo(3600, -1);
    expect(token!.tokenHash).not.toContain(resetLinkIn(mail.text)![1]);
  });

  it("sets the new password from the link once, ending every session; the old password stops working", async () => {
    const me = await createAccount();
    const signedInElsewhere = await sessionOf(me.id);
    browser.client = "203.0.113.21";
    await requestPasswordResetAction({ email: me.email });
    await waitFor(async () => mailsTo(me.email).length === 1, { what: "the reset mail" });
    const token = resetLinkIn(mailsTo(me.email)[0]!.text)![1]!;

    expect(await resetPasswordAction({ token, password: "too short" })).toMatchObject({ ok: false, fieldErrors: { password: ["Use at least 10 characters."] } });
    expect(await resetPasswordAction({ token, password: "my new password" })).toEqual({ ok: true, data: undefined });
    expect(await resetPasswordAction({ token, password: "another password" })).toMatchObject({ ok: false, code: "invalid_link" });

    browser.session = signedInElsewhere;
    expect(await getSessionUser()).toBeNull();
    await expect(signIn(me.email, "my new password")).resolves.toMatchObject({ id: me.id });
    await expect(signIn(me.email, me.password)).rejects.toThrow();
  });

  it("refuses an expired link and an earlier link once a newer one was sent", async () => {
    const me = await createAccount();
    browser.client = "203.0.113.22";
    await requestPasswordResetAction({ email: me.email });
    await waitFor(async () => mailsTo(me.email).length === 1, { what: "the first mail" });
    await requestPasswordResetAction({ email: me.email });
    await waitFor(async () => mailsTo(me.email).length === 2, { what: "the second mail" });
    const [first, second] = mailsTo(me.email).map((mail) => resetLinkIn(mail.text)![1]!);
    expect(await resetPasswordAction({ token: first!, password: "my new password" })).toMatchObject({ ok: false, code: "invalid_link" });
    await getDb().update(oneTimeTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(oneTimeTokens.userId, me.id));
    expect(await resetPasswordAction({ token: second!, password: "my new password" })).toMatchObject({ ok: false, code: "invalid_link" });
    expect(await resetPasswordAction({ token: "x".repeat(43), password: "my new password" })).toMatchObject({ ok: false, code: "invalid_link" });
    expect(await verifyPassword(me.password, (await account(me.id)).passwordHash!)).toBe(true);
  });

  it("is limited per address and per client, with the same answer whether or not the address has an account", async () => {
    const me = await createAccount();
    const nobody = `nobody-${randomUUID()}@example.com`;
    const refusals: string[] = [];
    for (const email of [me.email, nobody]) {
      for (let i = 0; i < 5; i++) {
        browser.client = `192.0.2.${i}`;
        expect(await requestPasswordResetAction({ email })).toEqual({ ok: true, data: undefined });
      }
      const refused = await requestPasswordResetAction({ email });
      expect(refused).toMatchObject({ ok: false, code: "rate_limited" });
      refusals.push((refused as { error: string }).error);
    }
    expect(refusals[0]).toMatch(/^Too many password reset requests for this address for now\. Try again in \d+ minutes?\.$/);
    expect(refusals[1]).toBe(refusals[0]);

    browser.client = "203.0.113.99";
    for (let i = 0; i < 20; i++) expect(await requestPasswordResetAction({ email: `someone-${i}-${randomUUID()}@example.com` })).toMatchObject({ ok: true });
    expect(await requestPasswordResetAction({ email: `someone-else-${randomUUID()}@example.com` })).toMatchObject({ ok: false, code: "rate_limited" });
    await queueDrained();
    // Five requests for the account went through: at most five mails, and only the latest link works.
    expect(mailsTo(me.email).length).toBeLessThanOrEqual(5);
  });

  it("counts a client by the address its proxy saw, whatever the caller wrote before it in X-Forwarded-For", async () => {
    for (let i = 0; i < 20; i++) {
      browser.client = `10.${i}.0.1, 203.0.113.77`;
      expect(await requestPasswordResetAction({ email: `forged-${i}-${randomUUID()}@example.com` })).toMatchObject({ ok: true });
    }
    browser.client = "10.99.0.1, 203.0.113.77";
    expect(await requestPasswordResetAction({ email: `forged-last-${randomUUID()}@example.com` })).toMatchObject({ ok: false, code: "rate_limited" });
    await queueDrained();
  });
});
