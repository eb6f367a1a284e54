import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { checkOutboundDestination } from "@/lib/net/destination-url";
import { readSmsConfig, smsChannelConfigSchema, type SmsChannelConfig } from "./channel-config";
import type { SmsChannelInput, SmsConfigInput, UpdateSmsChannelInput } from "./sms-channels.validation";

// SMS channels are workspace settings: who may change them (owners and admins) is the caller's check.

/**
 * The config as entered: a Twilio auth token left blank on edit keeps the stored one. A provider
 * URL is checked where it points when saved, exactly as a webhook URL is (the address policy of
 * lib/net), so a channel cannot be aimed at an internal service even before it sends.
 */
async function resolveConfig(input: SmsConfigInput, previous: SmsChannelConfig | null): Promise<SmsChannelConfig> {
  const withToken =
    input.provider === "twilio" && input.authToken.trim() === "" && previous?.provider === "twilio"
      ? { ...input, authToken: previous.authToken }
      : input;
  const config = smsChannelConfigSchema.parse(withToken);
  if (config.provider === "twilio") {
    const problem = await checkOutboundDestination(config.baseUrl);
    if (problem) throw new SafeError("invalid_destination", `The provider's base URL can't be used: ${problem}`, { field: "config.baseUrl" });
  }
  return config;
}

export async function createSmsChannel(ctx: ServiceContext, input: SmsChannelInput): Promise<{ channelId: string }> {
  const config = await resolveConfig(input.config, null);
  const [channel] = await ctx.tx
    .insert(channels)
    .values({
      workspaceId: ctx.workspace.id,
      kind: "sms",
      name: input.name,
      config,
      // Channels share one table; an SMS channel has no chat page, but the column is required.
      identitySecret: randomBytes(32).toString("base64url"),
    })
    .returning({ id: channels.id });
  await audit(ctx, {
    action: "channel.created",
    target: { type: "channel", id: channel!.id },
    data: { kind: "sms", provider: config.provider, fromNumber: config.fromNumber },
  });
  return { channelId: channel!.id };
}

export async function updateSmsChannel(ctx: ServiceContext, input: UpdateSmsChannelInput): Promise<{ saved: true }> {
  const inWorkspace = and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id));
  const [channel] = await ctx.tx.select({ config: channels.config }).from(channels).where(and(inWorkspace, eq(channels.kind, "sms")));
  if (!channel) throw notFound("That SMS channel");
  const previous = readSmsConfig(channel.config);
  if (input.config.provider === "twilio" && input.config.authToken.trim() === "" && previous?.provider !== "twilio") {
    throw new SafeError("invalid_input", "Paste the provider's auth token.");
  }
  const config = await resolveConfig(input.config, previous);
  await ctx.tx.update(channels).set({ name: input.name, config }).where(inWorkspace);
  await audit(ctx, {
    action: "channel.updated",
    target: { type: "channel", id: input.channelId },
    data: { provider: config.provider, fromNumber: config.fromNumber },
  });
  return { saved: true };
}

export async function listSmsChannels(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "sms")))
    .orderBy(asc(channels.name));
  return rows.map((channel) => ({ ...channel, sms: readSmsConfig(channel.config) }));
}
