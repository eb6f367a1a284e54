import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { allowedOriginsSchema } from "./allowed-origins";

const channelName = z.string().trim().min(1, "Give the channel a name.").max(80, "Keep the name under 80 characters.");

export const createChatChannelSchema = z.object({ name: channelName });
export const renameChannelSchema = z.object({ channelId: uuidSchema, name: channelName });

export const setAllowedWebsitesSchema = z.object({ channelId: uuidSchema, origins: allowedOriginsSchema });

export type SetAllowedWebsitesInput = z.infer<typeof setAllowedWebsitesSchema>;
export type CreateChatChannelInput = z.infer<typeof createChatChannelSchema>;
export type RenameChannelInput = z.infer<typeof renameChannelSchema>;
