import { z } from "zod";

/** THE rule for a password someone chooses (an invited person's first one; later a change or reset). */
export const NEW_PASSWORD_MIN = 10;
export const newPasswordSchema = z
  .string()
  .min(NEW_PASSWORD_MIN, `Use at least ${NEW_PASSWORD_MIN} characters.`)
  .max(200, "Keep the password under 200 characters.")
  .refine((password) => password.length < NEW_PASSWORD_MIN || password.trim().length >= NEW_PASSWORD_MIN, `Use at least ${NEW_PASSWORD_MIN} characters other than spaces.`);
