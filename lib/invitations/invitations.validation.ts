import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/new-password";
import { roleSchema } from "@/lib/members/members.validation";
import { uuidSchema } from "@/lib/validation/uuid";

/** Addresses are compared and stored lower-cased: one person, one address. */
export const inviteEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "That address is too long.")
  .pipe(z.email({ error: "Enter an email address, like name@example.com." }));

export const inviteMemberSchema = z.object({
  email: inviteEmailSchema,
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
  name: z.string().trim().min(1, "Enter your name.").max(80, "Keep your name under 80 characters.").optional(),
  password: newPasswordSchema.optional(),
});

export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;
export type InvitationRefInput = z.infer<typeof invitationRefSchema>;
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
