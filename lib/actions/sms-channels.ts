"use server";

import { revalidatePath } from "next/cache";
import { createSmsChannel, updateSmsChannel } from "@/lib/sms/channels";
import { sendSandboxReply } from "@/lib/sms/sandbox";
import { sandboxReplySchema, smsChannelSchema, updateSmsChannelSchema } from "@/lib/sms/sms-channels.validation";
import { workspaceAction } from "./safe-action";

const refreshSettings = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const createSmsChannelAction = workspaceAction({ schema: smsChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, createSmsChannel);

export const updateSmsChannelAction = workspaceAction({ schema: updateSmsChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, updateSmsChannel);

/** The SMS sandbox's "reply as this phone". Any member may play the phone: it is a test tool. */
export const sendSandboxReplyAction = workspaceAction(
  { schema: sandboxReplySchema, revalidate: (workspaceId) => revalidatePath(`/${workspaceId}/settings/sms-sandbox`) },
  sendSandboxReply,
);
