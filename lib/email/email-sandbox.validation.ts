import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** "Reply as the recipient" to an email the sandbox kept. */
export const emailSandboxReplySchema = z.object({
  sandboxMessageId: uuidSchema,
  text: z.string().trim().min(1, "Write the reply.").max(20_000, "A reply is at most 20,000 characters."),
});

export type EmailSandboxReplyInput = z.infer<typeof emailSandboxReplySchema>;
