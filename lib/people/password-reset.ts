import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { findUsableToken, issueOneTimeToken, redeemOneTimeToken } from "@/lib/auth/one-time-tokens";
import type { Database, DbOrTx } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { queueMail } from "@/lib/mail/queue-mail";
import { passwordResetMail } from "./account-mails";
import { passwordResetRequestJob } from "./password-reset-job";
import type { RequestPasswordResetInput, ResetPasswordInput } from "./password-reset.validation";

export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;

// Per address: a mailbox is not flooded with links. Per client: one client cannot probe or
// flood many addresses. For everybody: whoever forges clients still cannot make Parley mail more
// than this an hour (the mail server's reputation is the operator's). All count whether or not
// the address has an account.
export const RESET_LIMITS = {
  address: { bucket: "password_reset.address", max: 5, windowSeconds: 60 * 60 },
  client: { bucket: "password_reset.client", max: 20, windowSeconds: 60 * 60 },
  everyone: { bucket: "password_reset.all", max: 300, windowSeconds: 60 * 60 },
} as const;

/**
 * "Forgot password?": counts the attempt against the address's and the client's limits, then
 * queues the lookup. Whether the address has an account is decided in the background job, so
 * the answer and the time it takes are the same either way.
 */
export async function requestPasswordReset(db: Database, input: RequestPasswordResetInput & { client: string }): Promise<void> {
  await assertWithinLimit(db, { ...RESET_LIMITS.address, key: input.email }, "password reset requests for this address");
  await assertWithinLimit(db, { ...RESET_LIMITS.client, key: input.client }, "password reset requests");
  await assertWithinLimit(db, { ...RESET_LIMITS.everyone, key: "all" }, "password reset requests");
  await enqueue(db, passwordResetRequestJob, { email: input.email });
}

/** The job's work: an address with an account gets a single-use link valid for an hour. */
export async function mailPasswordReset(db: Database, email: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    if (!user) return;
    const { token } = await issueOneTimeToken(tx, { purpose: "password_reset", userId: user.id, ttlSeconds: PASSWORD_RESET_TTL_SECONDS });
    await queueMail(tx, { ...passwordResetMail(user.email, token), workspaceId: null, userId: user.id });
  });
}

export const invalidResetLink = () =>
  new SafeError("invalid_link", "This reset link has expired or was already used. Ask for a new one with “Forgot password?” on the sign-in page.");

/**
 * Sets the new password from a reset link: uses the token up and raises the session version, so
 * every session of the account ends (whoever knew the old password is signed out too).
 */
export async function resetPassword(db: Database, input: ResetPasswordInput): Promise<void> {
  // A link that cannot work is refused before the KDF runs (a public endpoint: scrypt per request
  // would be a way to exhaust the machine); it is redeemed, and so checked again, below.
  if (!(await findUsableToken(db, "password_reset", input.token))) throw invalidResetLink();
  // Hashed before the transaction: scrypt takes a while and holds no lock.
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const record = await redeemOneTimeToken(tx, "password_reset", input.token);
    if (!record?.userId) throw invalidResetLink();
    await setPasswordEndingSessions(tx, record.userId, passwordHash);
  });
}

async function setPasswordEndingSessions(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  const updated = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw invalidResetLink();
}
