"use server";

import { revalidatePath } from "next/cache";
import { createChatChannel, renameChannel, setAllowedWebsites } from "@/lib/channels/chat-channels";
import { createChatChannelSchema, renameChannelSchema, setAllowedWebsitesSchema } from "@/lib/channels/chat-channels.validation";
import { workspaceAction } from "./safe-action";

// Channels are workspace settings: owners and admins change them, agents only read them.
const refreshSettings = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const createChatChannelAction = workspaceAction({ schema: createChatChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, createChatChannel);

export const renameChannelAction = workspaceAction({ schema: renameChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, renameChannel);

export const setAllowedWebsitesAction = workspaceAction({ schema: setAllowedWebsitesSchema, minimumRole: "admin", revalidate: refreshSettings }, setAllowedWebsites);
