import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
// scrypt's cost does not depend on the length, but nobody needs more and it bounds the work.
export const MAX_PASSWORD_LENGTH = 200;

/**
 * THE rule for a password someone chooses: the first owner's at setup, an invited person's first
 * one, a change and a reset. Client-safe (the forms show the same minimum).
 */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  .refine(
    (password) => password.length < MIN_PASSWORD_LENGTH || password.trim().length >= MIN_PASSWORD_LENGTH,
    `Use at least ${MIN_PASSWORD_LENGTH} characters other than spaces.`,
  );
