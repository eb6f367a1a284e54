import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { channels, type Channel } from "../db/schema/channels";
import { auditLog } from "../db/schema/platform";
import { notFound, SafeError } from "../errors";
import { readSmsConfig, smsChannelConfigSchema, type SmsChannelConfig } from "./channel-config";

type Actor = { workspaceId: string; userId: string };

/** The config as entered: a Twilio auth token left blank on edit keeps the stored one. */
export type SmsConfigInput =
  | { provider: "sandbox"; fromNumber: string }
  | { provider: "twilio"; fromNumber: string; accountSid: string; authToken: string; baseUrl?: string };

function resolveConfig(input: SmsConfigInput, previous: SmsChannelConfig | null): SmsChannelConfig {
  const withToken =
    input.provider === "twilio" && input.authToken.trim() === "" && previous?.provider === "twilio"
      ? { ...input, authToken: previous.authToken }
      : input;
  return smsChannelConfigSchema.parse(withToken);
}

export async function createSmsChannel(db: DbOrTx, actor: Actor, input: { name: string; config: SmsConfigInput }): Promise<Channel> {
  const config = resolveConfig(input.config, null);
  const [channel] = await db
    .insert(channels)
    .values({
      workspaceId: actor.workspaceId,
      kind: "sms",
      name: input.name,
      config,
      // Channels share one table; an SMS channel has no chat page, but the column is required.
      identitySecret: randomBytes(32).toString("base64url"),
    })
    .returning();
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "channel.created",
    targetType: "channel",
    targetId: channel!.id,
    data: { kind: "sms", provider: config.provider, fromNumber: config.fromNumber },
  });
  return channel!;
}

export async function updateSmsChannel(db: DbOrTx, actor: Actor, channelId: string, input: { name: string; config: SmsConfigInput }): Promise<void> {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, actor.workspaceId), eq(channels.kind, "sms")));
  if (!channel) throw notFound("That SMS channel");
  if (input.config.provider === "twilio" && input.config.authToken.trim() === "" && readSmsConfig(channel.config)?.provider !== "twilio") {
    throw new SafeError("invalid_input", "Paste the provider's auth token.");
  }
  const config = resolveConfig(input.config, readSmsConfig(channel.config));
  await db.update(channels).set({ name: input.name, config }).where(and(eq(channels.id, channelId), eq(channels.workspaceId, actor.workspaceId)));
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "channel.updated",
    targetType: "channel",
    targetId: channelId,
    data: { provider: config.provider, fromNumber: config.fromNumber },
  });
}

export async function listSmsChannels(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "sms")))
    .orderBy(asc(channels.name));
  return rows.map((channel) => ({ ...channel, sms: readSmsConfig(channel.config) }));
}
