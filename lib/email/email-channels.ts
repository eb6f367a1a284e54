import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { generateSecretToken } from "@/lib/auth/secret-token";
import type { DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { channels } from "@/lib/db/schema/channels";
import { notFound, SafeError } from "@/lib/errors";
import { checkOutboundDestination } from "@/lib/net/destination-url";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { DEFAULT_FROM_NAME_PATTERN, emailChannelConfigSchema, readEmailConfig, type EmailChannelConfig } from "./channel-config";
import { fromAddressProblem } from "./email-transport";
import type { EmailChannelInput, RotateInboundSecretInput, UpdateEmailChannelInput } from "./email-channels.validation";

// Email channels are workspace settings: who may change them (owners and admins) is the caller's check.

const REPLY_DOMAIN_KEY = "channels_email_reply_domain_key";

/** A reply domain another channel (of any workspace) receives mail at: the unique index said so. */
function replyDomainTaken(error: unknown, replyDomain: string): never {
  if (isUniqueViolation(error, REPLY_DOMAIN_KEY)) {
    throw new SafeError("reply_domain_taken", `Another email channel already receives mail at ${replyDomain}. Use a domain (or subdomain) of your own for this channel's replies.`, { field: "replyDomain" });
  }
  throw error;
}


/**
 * The config as entered: an SMTP password left blank on edit keeps the stored one only while the
 * host, port and username it was given for are unchanged (otherwise an admin could point the
 * channel at a server of their own and receive the stored password). A channel's own SMTP host is
 * checked where it points when saved (the address policy of lib/net, as for a webhook URL or an
 * SMS provider), and again on every connection.
 */
async function resolveConfig(input: EmailChannelInput, previous: EmailChannelConfig | null, inboundSecretHash: string): Promise<EmailChannelConfig> {
  let transport = input.transport;
  if (transport.kind === "smtp" && transport.password === "") {
    const stored = previous?.transport.kind === "smtp" ? previous.transport : null;
    const sameServer = stored !== null && stored.host.toLowerCase() === transport.host.toLowerCase() && stored.port === transport.port && stored.username === transport.username;
    if (sameServer) transport = { ...transport, password: stored.password };
    else if (transport.username !== "") throw new SafeError("invalid_input", "Enter the SMTP password.", { field: "transport.password" });
  }
  const parsed = emailChannelConfigSchema.safeParse({
    fromAddress: input.fromAddress,
    fromNamePattern: input.fromNamePattern || DEFAULT_FROM_NAME_PATTERN,
    replyDomain: input.replyDomain,
    transport,
    ratePerSecond: input.ratePerSecond,
    inboundSecretHash,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SafeError("invalid_input", issue.message, { field: issue.path.join(".") });
  }
  const config = parsed.data;
  const fromProblem = fromAddressProblem(config);
  if (fromProblem) throw new SafeError("sender_not_allowed", fromProblem, { field: "fromAddress" });
  if (config.transport.kind === "smtp") {
    const problem = await checkOutboundDestination(`smtp://${config.transport.host}:${config.transport.port}`);
    if (problem) throw new SafeError("invalid_destination", `The SMTP server can't be used: ${problem}`, { field: "transport.host" });
  }
  return config;
}

/** Creates an email channel; the inbound webhook's secret is returned here once and kept only as a hash. */
export async function createEmailChannel(ctx: ServiceContext, input: EmailChannelInput): Promise<{ channelId: string; inboundSecret: string }> {
  // Shown once; only its SHA-256 is kept, as for API keys and single-use links.
  const { token: inboundSecret, hash } = generateSecretToken();
  const config = await resolveConfig(input, null, hash);
  const [channel] = await ctx.tx
    .insert(channels)
    .values({
      workspaceId: ctx.workspace.id,
      kind: "email",
      name: input.name,
      config,
      // Channels share one table; an email channel has no chat page, but the column is required.
      identitySecret: randomBytes(32).toString("base64url"),
    })
    .returning({ id: channels.id })
    .catch((error: unknown) => replyDomainTaken(error, config.replyDomain));
  await audit(ctx, {
    action: "channel.created",
    target: { type: "channel", id: channel!.id },
    data: { kind: "email", transport: config.transport.kind, fromAddress: config.fromAddress, replyDomain: config.replyDomain },
  });
  return { channelId: channel!.id, inboundSecret };
}

async function loadEmailChannel(ctx: ServiceContext, channelId: string) {
  const [channel] = await ctx.tx
    .select({ config: channels.config })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, ctx.workspace.id), eq(channels.kind, "email")))
    .for("update");
  if (!channel) throw notFound("That email channel");
  const config = readEmailConfig(channel.config);
  if (!config) throw new SafeError("conflict", "This email channel's settings are unreadable; create a new channel.");
  return config;
}

export async function updateEmailChannel(ctx: ServiceContext, input: UpdateEmailChannelInput): Promise<{ saved: true }> {
  const previous = await loadEmailChannel(ctx, input.channelId);
  const config = await resolveConfig(input, previous, previous.inboundSecretHash);
  await ctx.tx
    .update(channels)
    .set({ name: input.name, config })
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id)))
    .catch((error: unknown) => replyDomainTaken(error, config.replyDomain));
  await audit(ctx, {
    action: "channel.updated",
    target: { type: "channel", id: input.channelId },
    data: { transport: config.transport.kind, fromAddress: config.fromAddress, replyDomain: config.replyDomain, ratePerSecond: config.ratePerSecond },
  });
  return { saved: true };
}

/** A new inbound webhook secret (the old one stops working at once), shown once. */
export async function rotateInboundSecret(ctx: ServiceContext, input: RotateInboundSecretInput): Promise<{ inboundSecret: string }> {
  const previous = await loadEmailChannel(ctx, input.channelId);
  const { token: inboundSecret, hash } = generateSecretToken();
  await ctx.tx
    .update(channels)
    .set({ config: { ...previous, inboundSecretHash: hash } })
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspace.id)));
  await audit(ctx, { action: "channel.inbound_secret_rotated", target: { type: "channel", id: input.channelId } });
  return { inboundSecret };
}

export async function listEmailChannels(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "email")))
    .orderBy(asc(channels.name));
  return rows.map((channel) => ({ ...channel, email: readEmailConfig(channel.config) }));
}
