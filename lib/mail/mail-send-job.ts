import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/** The job that delivers one queued mail (lib/mail/mail-send-task.ts runs it). */
export const mailSendJob = { name: "mail-send", schema: z.object({ mailId: uuidSchema }) } satisfies TaskRef<z.ZodType>;
