import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

export const AVAILABILITY_STATUSES = ["available", "away"] as const;

export const setAvailabilitySchema = z.object({ status: z.enum(AVAILABILITY_STATUSES) });

const cap = z.coerce.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(0, "Enter 0 or more.").max(10_000, "Enter at most 10,000.");

export const teamRoundRobinSchema = z.object({ teamId: uuidSchema, enabled: z.boolean(), maxOpen: cap });

/** An agent's own cap instead of their teams' default; null: the team default. */
export const agentCapSchema = z.object({ userId: uuidSchema, maxOpen: cap.nullable() });

export type SetAvailabilityInput = z.infer<typeof setAvailabilitySchema>;
export type TeamRoundRobinInput = z.infer<typeof teamRoundRobinSchema>;
export type AgentCapInput = z.infer<typeof agentCapSchema>;
