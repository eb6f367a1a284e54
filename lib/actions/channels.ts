"use server";

import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { auditLog } from "@/lib/db/schema/platform";
import { notFound } from "@/lib/errors";
import { workspaceAction } from "./safe-action";
import { createChatChannelSchema, renameChannelSchema } from "./channels.validation";

// Channels are workspace settings: owners and admins change them, agents only read them.

export const createChatChannel = workspaceAction({ schema: createChatChannelSchema, minimumRole: "admin" }, async ({ name }, { user, workspace }) => {
  const id = await getDb().transaction(async (tx) => {
    const existingDefault = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.workspaceId, workspace.id), eq(channels.kind, "chat"), eq(channels.isDefault, true)));
    const [row] = await tx
      .insert(channels)
      .values({
        workspaceId: workspace.id,
        kind: "chat",
        name,
        // The first chat channel becomes the default one workflows send on.
        isDefault: existingDefault.length === 0,
        identitySecret: randomBytes(32).toString("base64url"),
      })
      .returning({ id: channels.id });
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorUserId: user.id,
      action: "channel.created",
      targetType: "channel",
      targetId: row!.id,
      data: { name, kind: "chat" },
    });
    return row!.id;
  });
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { id };
});

export const renameChannel = workspaceAction({ schema: renameChannelSchema, minimumRole: "admin" }, async ({ channelId, name }, { user, workspace }) => {
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(channels)
      .set({ name })
      .where(and(eq(channels.workspaceId, workspace.id), eq(channels.id, channelId)))
      .returning({ id: channels.id });
    if (updated.length === 0) throw notFound("That channel");
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorUserId: user.id,
      action: "channel.renamed",
      targetType: "channel",
      targetId: channelId,
      data: { name },
    });
  });
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { id: channelId };
});
