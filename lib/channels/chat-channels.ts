import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { channels } from "@/lib/db/schema/channels";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { CreateChatChannelInput, RenameChannelInput, SetAllowedWebsitesInput } from "./chat-channels.validation";

/** The first chat channel becomes the default one workflows send on. */
export async function createChatChannel(ctx: ServiceContext, input: CreateChatChannelInput): Promise<{ id: string }> {
  const [existingDefault] = await ctx.tx
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspace.id), eq(channels.kind, "chat"), eq(channels.isDefault, true)));
  let id: string;
  try {
    const [row] = await ctx.tx
      .insert(channels)
      .values({
        workspaceId: ctx.workspace.id,
        kind: "chat",
        name: input.name,
        isDefault: !existingDefault,
        identitySecret: randomBytes(32).toString("base64url"),
      })
      .returning({ id: channels.id });
    id = row!.id;
  } catch (error) {
    // Two people created the first chat channel at the same moment: both saw no default, and the
    // one-default index let only the first in.
    if (isUniqueViolation(error, "channels_one_default_key")) {
      throw new SafeError("conflict", "Someone else just created this workspace's first chat channel. Reload to see it, then add yours.");
    }
    throw error;
  }
  await audit(ctx, { action: "channel.created", target: { type: "channel", id }, data: { name: input.name, kind: "chat" } });
  return { id };
}

export async function renameChannel(ctx: ServiceContext, input: RenameChannelInput): Promise<{ id: string }> {
  const updated = await ctx.tx
    .update(channels)
    .set({ name: input.name })
    .where(and(eq(channels.workspaceId, ctx.workspace.id), eq(channels.id, input.channelId)))
    .returning({ id: channels.id });
  if (updated.length === 0) throw notFound("That channel");
  await audit(ctx, { action: "channel.renamed", target: { type: "channel", id: input.channelId }, data: { name: input.name } });
  return { id: input.channelId };
}

/** The websites that may frame this chat channel's page; none listed means any website may. */
export async function setAllowedWebsites(ctx: ServiceContext, input: SetAllowedWebsitesInput): Promise<{ origins: string[] }> {
  const updated = await ctx.tx
    .update(channels)
    .set({ allowedOrigins: input.origins })
    .where(and(eq(channels.workspaceId, ctx.workspace.id), eq(channels.id, input.channelId), eq(channels.kind, "chat")))
    .returning({ id: channels.id });
  if (updated.length === 0) throw notFound("That chat channel");
  await audit(ctx, { action: "channel.allowed_websites_changed", target: { type: "channel", id: input.channelId }, data: { origins: input.origins } });
  return { origins: input.origins };
}
