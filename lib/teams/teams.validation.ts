import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

const teamName = z.string().trim().min(1, "Give the team a name.").max(60, "Keep the name under 60 characters.");

export const createTeamSchema = z.object({ name: teamName });
export const renameTeamSchema = z.object({ teamId: uuidSchema, name: teamName });
export const deleteTeamSchema = z.object({ teamId: uuidSchema });
export const teamMemberSchema = z.object({ teamId: uuidSchema, userId: uuidSchema });

export type CreateTeamInput = z.infer<typeof createTeamSchema>;
export type RenameTeamInput = z.infer<typeof renameTeamSchema>;
export type DeleteTeamInput = z.infer<typeof deleteTeamSchema>;
export type TeamMemberInput = z.infer<typeof teamMemberSchema>;
