import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

const channelName = z.string().trim().min(1, "Give the channel a name.").max(80, "Keep the name under 80 characters.");

export const createChatChannelSchema = z.object({ name: channelName });
export const renameChannelSchema = z.object({ channelId: uuidSchema, name: channelName });

export type CreateChatChannelInput = z.infer<typeof createChatChannelSchema>;
export type RenameChannelInput = z.infer<typeof renameChannelSchema>;
