"use server";

import { revalidatePath } from "next/cache";
import { createEmailChannel, rotateInboundSecret, updateEmailChannel } from "@/lib/email/email-channels";
import { sendEmailSandboxReply } from "@/lib/email/email-sandbox";
import { emailSandboxReplySchema } from "@/lib/email/email-sandbox.validation";
import { emailChannelSchema, rotateInboundSecretSchema, updateEmailChannelSchema } from "@/lib/email/email-channels.validation";
import { workspaceAction } from "./safe-action";

// Email channels are workspace settings: owners and admins change them.
const refreshSettings = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const createEmailChannelAction = workspaceAction({ schema: emailChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, createEmailChannel);

export const updateEmailChannelAction = workspaceAction({ schema: updateEmailChannelSchema, minimumRole: "admin", revalidate: refreshSettings }, updateEmailChannel);

export const rotateInboundSecretAction = workspaceAction({ schema: rotateInboundSecretSchema, minimumRole: "admin", revalidate: refreshSettings }, rotateInboundSecret);

/** The email sandbox's "reply as the recipient". Any member may play the recipient: it is a test tool. */
export const sendEmailSandboxReplyAction = workspaceAction(
  { schema: emailSandboxReplySchema, revalidate: (workspaceId) => revalidatePath(`/${workspaceId}/settings/email-sandbox`) },
  sendEmailSandboxReply,
);
