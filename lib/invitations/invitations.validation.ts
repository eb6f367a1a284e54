import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { roleSchema } from "@/lib/members/members.validation";
import { emailAddressSchema, personNameSchema } from "@/lib/people/person-fields";
import { uuidSchema } from "@/lib/validation/uuid";

export const inviteMemberSchema = z.object({
  email: emailAddressSchema,
  role: roleSchema,
  teamIds: z.array(uuidSchema).max(100).default([]),
});

export const invitationRefSchema = z.object({ invitationId: uuidSchema });

/**
 * Accepting: the token from the link, and for someone without an account the name and password
 * of the account to create (someone with one signs in first and sends the token alone).
 */
export const acceptInvitationSchema = z.object({
  token: z.string().max(100),
  name: personNameSchema.optional(),
  password: newPasswordSchema.optional(),
});

export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;
export type InvitationRefInput = z.infer<typeof invitationRefSchema>;
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
