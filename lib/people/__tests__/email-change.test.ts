import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { and, eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { oneTimeTokens } = await import("@/lib/db/schema/accounts");
const { users } = await import("@/lib/db/schema/workspaces");
const { confirmEmailChangeAction, requestEmailChangeAction } = await import("@/lib/actions/account");
const { pendingEmailChange } = await import("@/lib/people/profile");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { startSmtpReceiver } = await import("@/lib/testing/smtp-receiver");
const { waitFor } = await import("@/lib/workflow/testing/workspace-fixture");

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = "https://parley.example/";
  worker = await startWorker({ connectionString: url, concurrency: 2 });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.NEXTAUTH_URL;
});

async function createAccount(name = "Robin") {
  const email = `robin-${randomUUID()}@example.com`;
  const [user] = await getDb().insert(users).values({ email, name }).returning();
  return user!;
}
const emailOf = async (id: string) => (await getDb().select({ email: users.email }).from(users).where(eq(users.id, id)))[0]!.email;
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(address));
const confirmToken = (text: string | undefined) => text?.match(/https:\/\/parley\.example\/confirm-email\?token=([A-Za-z0-9_-]{43})/)?.[1];

async function requestAndReceive(userId: string, newAddress: string): Promise<string> {
  signInAs({ id: userId });
  expect(await requestEmailChangeAction({ email: newAddress })).toEqual({ ok: true, data: { email: newAddress.trim().toLowerCase() } });
  const address = newAddress.trim().toLowerCase();
  await waitFor(async () => mailsTo(address).length > 0, { what: "the confirmation mail" });
  return confirmToken(mailsTo(address).at(-1)!.text)!;
}

describe("changing one's email address", () => {
  it("mails a link to the new address, valid for a day; the address changes only when it is opened, once", async () => {
    const me = await createAccount("Robin <b>Hood</b>");
    const newAddress = `New-${randomUUID()}@Example.com`;
    const token = await requestAndReceive(me.id, `  ${newAddress} `);
    const mail = mailsTo(newAddress.toLowerCase())[0]!;
    expect(mail.subject).toBe("Confirm your new Parley email address");
    expect(mail.html).toContain("Robin &lt;b&gt;Hood&lt;/b&gt;");
    expect(token).toBeTruthy();

    // Not yet: the account keeps its address, and the profile shows the change as pending.
    expect(await emailOf(me.id)).toBe(me.email);
    expect(await pendingEmailChange(getDb(), me.id)).toMatchObject({ email: newAddress.toLowerCase() });
    const [record] = await getDb().select().from(oneTimeTokens).where(and(eq(oneTimeTokens.userId, me.id), eq(oneTimeTokens.purpose, "email_change")));
    expect((record!.expiresAt.getTime() - record!.createdAt.getTime()) / 1000).toBeCloseTo(24 * 3600, -1);

    expect(await confirmEmailChangeAction({ token })).toEqual({ ok: true, data: { email: newAddress.toLowerCase() } });
    expect(await emailOf(me.id)).toBe(newAddress.toLowerCase());
    expect(await pendingEmailChange(getDb(), me.id)).toBeNull();
    expect(await confirmEmailChangeAction({ token })).toMatchObject({ ok: false, code: "invalid_link" });

    // The old address hears about it.
    await waitFor(async () => mailsTo(me.email).length === 1, { what: "the notice to the old address" });
    expect(mailsTo(me.email)[0]!.subject).toBe("Your Parley email address was changed");
  });

  it("refuses an address another account has, saying only that", async () => {
    const me = await createAccount();
    const other = await createAccount();
    signInAs({ id: me.id });
    const refused = await requestEmailChangeAction({ email: other.email.toUpperCase() });
    expect(refused).toEqual({
      ok: false,
      code: "conflict",
      error: "That email address is already used by another Parley account.",
      details: { path: "email" },
      fieldErrors: { email: ["That email address is already used by another Parley account."] },
    });
    expect(await requestEmailChangeAction({ email: me.email })).toMatchObject({ ok: false, fieldErrors: { email: ["That is already your email address."] } });
    expect(await requestEmailChangeAction({ email: "not an address" })).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("refuses the link when another account took the address in the meantime", async () => {
    const me = await createAccount();
    const wanted = `wanted-${randomUUID()}@example.com`;
    const token = await requestAndReceive(me.id, wanted);
    await getDb().insert(users).values({ email: wanted.toUpperCase(), name: "Quicker" });
    expect(await confirmEmailChangeAction({ token })).toMatchObject({ ok: false, code: "conflict" });
    expect(await emailOf(me.id)).toBe(me.email);
  });

  it("keeps only the latest link, and refuses an expired one", async () => {
    const me = await createAccount();
    const first = await requestAndReceive(me.id, `first-${randomUUID()}@example.com`);
    const secondAddress = `second-${randomUUID()}@example.com`;
    const second = await requestAndReceive(me.id, secondAddress);
    expect(await confirmEmailChangeAction({ token: first })).toMatchObject({ ok: false, code: "invalid_link" });
    await getDb().update(oneTimeTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(oneTimeTokens.userId, me.id));
    expect(await confirmEmailChangeAction({ token: second })).toMatchObject({ ok: false, code: "invalid_link" });
    expect(await emailOf(me.id)).toBe(me.email);
  });

  it("is limited per account", async () => {
    const me = await createAccount();
    signInAs({ id: me.id });
    for (let i = 0; i < 5; i++) expect(await requestEmailChangeAction({ email: `n${i}-${randomUUID()}@example.com` })).toMatchObject({ ok: true });
    expect(await requestEmailChangeAction({ email: `n-${randomUUID()}@example.com` })).toMatchObject({ ok: false, code: "rate_limited" });
  });
});
