import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

export const roleSchema = z.enum(["owner", "admin", "agent"], { error: "Choose owner, admin or agent." });

export const changeMemberRoleSchema = z.object({ userId: uuidSchema, role: roleSchema });
export const removeMemberSchema = z.object({ userId: uuidSchema });

export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;
