import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";

/** Looks the address up and, when it has an account, mails it a reset link (password-reset-task.ts). */
export const passwordResetRequestJob = {
  name: "password-reset-request",
  schema: z.object({ email: z.string().max(320) }),
} satisfies TaskRef<z.ZodType>;
