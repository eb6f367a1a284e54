import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { emailAddressSchema, personNameSchema } from "./person-fields";


export const updateProfileNameSchema = z.object({ name: personNameSchema });

export const requestEmailChangeSchema = z.object({ email: emailAddressSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: newPasswordSchema,
});

export type UpdateProfileNameInput = z.infer<typeof updateProfileNameSchema>;
export type RequestEmailChangeInput = z.infer<typeof requestEmailChangeSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
