import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { emailAddressSchema } from "./person-fields";

export const requestPasswordResetSchema = z.object({ email: emailAddressSchema });

// The token's shape is checked where it is looked up (looksLikeSecretToken); here only its size.
export const resetPasswordSchema = z.object({ token: z.string().max(200), password: newPasswordSchema });

export const confirmEmailChangeSchema = z.object({ token: z.string().max(200) });

export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
