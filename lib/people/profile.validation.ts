import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";

export const personNameSchema = z.string().trim().min(1, "Enter your name.").max(80, "Keep your name under 80 characters.");

/** An address as Parley keeps it: trimmed and lower-cased (sign-in compares it that way). */
export const emailAddressSchema = z.string().trim().toLowerCase().max(320, "That email address is too long.").pipe(z.email("Enter an email address like name@example.com."));

export const updateProfileNameSchema = z.object({ name: personNameSchema });

export const requestEmailChangeSchema = z.object({ email: emailAddressSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: newPasswordSchema,
});

export type UpdateProfileNameInput = z.infer<typeof updateProfileNameSchema>;
export type RequestEmailChangeInput = z.infer<typeof requestEmailChangeSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
