import { eq, sql } from "drizzle-orm";
import { revokeOneTimeTokens } from "@/lib/auth/one-time-tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSessionProof } from "@/lib/auth/session-proof";
import { users } from "@/lib/db/schema/workspaces";
import { SafeError, unauthorized } from "@/lib/errors";
import type { AccountContext } from "@/lib/services/account-context";
import type { ChangePasswordInput } from "./profile.validation";

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/**
 * Changes the password of the signed-in person, who must give the current one. Raising the
 * session version ends every other session of the account at their next request; the browser
 * that made the change keeps its session by handing the returned proof to next-auth's update().
 * Reset links still in a mailbox stop working.
 */
export async function changePassword(ctx: AccountContext, input: ChangePasswordInput): Promise<{ sessionProof: string }> {
  const [me] = await ctx.tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.userId)).for("update");
  if (!me) throw unauthorized();
  if (!me.passwordHash) {
    throw new SafeError("conflict", "Your account has no password yet: sign out and use “Forgot password?” on the sign-in page to set one.");
  }
  if (!(await verifyPassword(input.currentPassword, me.passwordHash))) {
    throw new SafeError("invalid_input", WRONG_CURRENT_PASSWORD, { path: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const [updated] = await ctx.tx
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, ctx.userId))
    .returning({ sessionVersion: users.sessionVersion });
  await revokeOneTimeTokens(ctx.tx, ctx.userId, "password_reset");
  return { sessionProof: createSessionProof(ctx.userId, updated!.sessionVersion) };
}
