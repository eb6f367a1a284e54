import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { issueOneTimeToken, redeemOneTimeToken } from "@/lib/auth/one-time-tokens";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { oneTimeTokens } from "@/lib/db/schema/accounts";
import { users } from "@/lib/db/schema/workspaces";
import { SafeError, unauthorized } from "@/lib/errors";
import { queueMail } from "@/lib/mail/queue-mail";
import type { AccountContext } from "@/lib/services/account-context";
import { emailChangedNotice, emailChangeMail } from "./account-mails";
import type { RequestEmailChangeInput, UpdateProfileNameInput } from "./profile.validation";

// A person's own profile: the name and email others see. (What contacts see as the Sender of a
// message is read from the account when shown, so a change shows everywhere at once.)

export const EMAIL_CHANGE_TTL_SECONDS = 24 * 60 * 60;

const ADDRESS_TAKEN = "That email address is already used by another Parley account.";

async function lockAccount(tx: Tx, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  // The session was checked moments ago; an account deleted since is no session.
  if (!user) throw unauthorized();
  return user;
}

async function addressTakenByAnother(db: DbOrTx, email: string, userId: string): Promise<boolean> {
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, ne(users.id, userId)));
  return Boolean(other);
}

export async function updateProfileName(ctx: AccountContext, input: UpdateProfileNameInput): Promise<{ name: string }> {
  await lockAccount(ctx.tx, ctx.userId);
  await ctx.tx.update(users).set({ name: input.name }).where(eq(users.id, ctx.userId));
  return { name: input.name };
}

/**
 * Mails a confirmation link to the new address; the account's address changes only when it is
 * opened (confirmEmailChange), so nobody can move their account onto an address they do not
 * read. Only the latest link works. An address of another account is refused, saying only that.
 */
export async function requestEmailChange(ctx: AccountContext, input: RequestEmailChangeInput): Promise<{ email: string }> {
  const me = await lockAccount(ctx.tx, ctx.userId);
  if (me.email.toLowerCase() === input.email) {
    throw new SafeError("invalid_input", "That is already your email address.", { path: "email" });
  }
  if (await addressTakenByAnother(ctx.tx, input.email, ctx.userId)) throw new SafeError("conflict", ADDRESS_TAKEN, { path: "email" });
  const { token } = await issueOneTimeToken(ctx.tx, { purpose: "email_change", userId: ctx.userId, email: input.email, ttlSeconds: EMAIL_CHANGE_TTL_SECONDS });
  await queueMail(ctx.tx, { ...emailChangeMail(input.email, me.name, token), workspaceId: null, userId: ctx.userId });
  return { email: input.email };
}

export const invalidEmailLink = () =>
  new SafeError("invalid_link", "This confirmation link has expired or was already used. Ask for a new one on your profile page.");

/**
 * Opening the mailed link: uses the token up and moves the account to the new address, and tells
 * the old address (so a change nobody asked for does not go unnoticed). Signed in or not: the
 * token is the proof, as it reached the new address.
 */
export async function confirmEmailChange(tx: Tx, input: { token: string }): Promise<{ email: string }> {
  const record = await redeemOneTimeToken(tx, "email_change", input.token);
  if (!record?.userId || !record.email) throw invalidEmailLink();
  const [me] = await tx.select().from(users).where(eq(users.id, record.userId)).for("update");
  if (!me) throw invalidEmailLink();
  if (await addressTakenByAnother(tx, record.email, me.id)) throw new SafeError("conflict", ADDRESS_TAKEN);
  try {
    await tx.update(users).set({ email: record.email }).where(eq(users.id, me.id));
  } catch (error) {
    // Another account took the address between the check and the update.
    if (isUniqueViolation(error)) throw new SafeError("conflict", ADDRESS_TAKEN);
    throw error;
  }
  if (me.email.toLowerCase() !== record.email) {
    await queueMail(tx, { ...emailChangedNotice(me.email, record.email), workspaceId: null, userId: me.id });
  }
  return { email: record.email };
}

/** The address a person asked to move to and has not confirmed yet (their latest usable link). */
export async function pendingEmailChange(db: DbOrTx, userId: string): Promise<{ email: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({ email: oneTimeTokens.email, expiresAt: oneTimeTokens.expiresAt })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, "email_change"), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, sql`now()`)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  return row?.email ? { email: row.email, expiresAt: row.expiresAt } : null;
}
