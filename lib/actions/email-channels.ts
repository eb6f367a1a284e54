"use server";

import { revalidatePath } from "next/cache";
import { createEmailChannel, rotateInboundSecret, updateEmailChannel } from "@/lib/email/email-channels";
import { emailChannelSchema, rotateInboundSecretSchema, updateEmailChannelSchema } from "@/lib/email/email-channels.validation";
import { workspaceAction } from "./safe-action";

// Email channels are workspace settings: owners and admins change them.
const refreshSettings = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const createEmailChannelAction = workspaceAction({ schema: emailChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, createEmailChannel);

export const updateEmailChannelAction = workspaceAction({ schema: updateEmailChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, updateEmailChannel);

export const rotateInboundSecretAction = workspaceAction({ schema: rotateInboundSecretSchema, minimumRole: "admin", revalidate: refreshSettings }, rotateInboundSecret);
