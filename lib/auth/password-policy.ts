import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
// scrypt's cost does not depend on the length, but nobody needs more and it bounds the work.
export const MAX_PASSWORD_LENGTH = 200;

/** A password someone chooses (a reset, a change, a new account): the one rule for all of them. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);
