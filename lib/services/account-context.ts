import { getDb, type Tx } from "@/lib/db/client";

/**
 * What a service that changes a person's own account receives (their name, email, avatar,
 * password): the transaction and the signed-in account. An account belongs to no workspace, so
 * there is no workspace to scope to; every statement is scoped to `userId` instead. The caller
 * (lib/actions/account-action.ts) has authenticated the person and parsed the input.
 */
export type AccountContext = { tx: Tx; userId: string };

export type AccountService<Input, Output> = (ctx: AccountContext, input: Input) => Promise<Output>;

/** Runs an account service in a transaction of its own (what actions and tests call). */
export function runAccountService<Input, Output>(userId: string, service: AccountService<Input, Output>, input: Input): Promise<Output> {
  return getDb().transaction((tx) => service({ tx, userId }, input));
}
