import { z } from "zod";

const channelName = z.string().trim().min(1, "Give the channel a name.").max(80, "Keep the name under 80 characters.");

export const createChatChannelSchema = z.object({ name: channelName });
export const renameChannelSchema = z.object({ channelId: z.string().uuid(), name: channelName });
