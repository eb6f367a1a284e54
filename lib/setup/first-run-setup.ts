import { sql } from "drizzle-orm";
import { findUsableToken, redeemOneTimeToken } from "@/lib/auth/one-time-tokens";
import { hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspace/workspace-lifecycle";
import type { FirstRunSetupInput } from "./first-run-setup.validation";
import { hasAnyUser, SETUP_LOCK } from "./setup-link";

export const SETUP_LINK_UNUSABLE = "This setup link no longer works: it was used, replaced by a newer one, or has expired. Restart Parley (npm start) and open the link it prints.";
export const ALREADY_SET_UP = "Parley is already set up: someone has just created the first account with this link. Sign in instead.";

/** What /setup?token=… shows: the form, an explanation for a link that no longer works, or nothing (a 404) once anyone has an account. */
export async function setupPageState(db: Database, token: unknown): Promise<"form" | "unusable_link" | "set_up"> {
  if (await hasAnyUser(db)) return "set_up";
  return (await findUsableToken(db, "setup", token)) ? "form" : "unusable_link";
}

/**
 * The first run: the first owner's account and their first workspace, in one transaction that
 * also uses up the setup token. Of two people sending the same link at once, one gets the account;
 * the other waits on the setup lock, then finds an account exists and is told to sign in.
 */
export async function completeFirstRunSetup(db: Database, input: FirstRunSetupInput): Promise<{ workspaceId: string; email: string }> {
  // The cheap checks first, so that a request without a usable link never costs a KDF run (a
  // public endpoint: scrypt per request would be a way to exhaust the machine). They are checked
  // again under the lock below. Hashed before the transaction: the slow KDF need not hold the lock.
  if (await hasAnyUser(db)) throw new SafeError("conflict", ALREADY_SET_UP);
  if (!(await findUsableToken(db, "setup", input.token))) throw new SafeError("not_found", SETUP_LINK_UNUSABLE);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (await hasAnyUser(tx)) throw new SafeError("conflict", ALREADY_SET_UP);
    if (!(await redeemOneTimeToken(tx, "setup", input.token))) throw new SafeError("not_found", SETUP_LINK_UNUSABLE);
    const [user] = await tx.insert(users).values({ name: input.name, email: input.email, passwordHash }).returning({ id: users.id });
    const workspace = await createWorkspace(tx, user!.id, { name: input.workspaceName });
    return { workspaceId: workspace.id, email: input.email };
  });
}
