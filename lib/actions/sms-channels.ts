"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db/client";
import { createSmsChannel, updateSmsChannel } from "../sms/channels";
import { sendFromSandboxPhone } from "../sms/sandbox";
import { legacyWorkspaceAction as workspaceAction } from "./legacy-action";
import { sandboxReplySchema, smsChannelSchema, updateSmsChannelSchema } from "./sms-channels.validation";

export const createSmsChannelAction = workspaceAction({ schema: smsChannelSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  const channel = await getDb().transaction((tx) =>
    createSmsChannel(tx, { workspaceId: workspace.id, userId: user.id }, { name: input.name, config: input.config }),
  );
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { channelId: channel.id };
});

export const updateSmsChannelAction = workspaceAction({ schema: updateSmsChannelSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  await getDb().transaction((tx) =>
    updateSmsChannel(tx, { workspaceId: workspace.id, userId: user.id }, input.channelId, { name: input.name, config: input.config }),
  );
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { saved: true };
});

/** The SMS sandbox's "reply as this phone". Any member may play the phone: it is a test tool. */
export const sandboxReplyAction = workspaceAction({ schema: sandboxReplySchema }, async (input, { workspace }) => {
  const recorded = await sendFromSandboxPhone(getDb(), { workspaceId: workspace.id, channelId: input.channelId, phone: input.phone, body: input.body });
  revalidatePath(`/${workspace.id}/settings/sms-sandbox`);
  return { conversationId: recorded.conversationId, opened: recorded.opened };
});
