import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { smsSandboxMessages } from "@/lib/db/schema/sms";
import { notFound, SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { listSmsChannels } from "./channels";
import { receiveInboundSms, type InboundSmsResult } from "./inbound";
import { toE164 } from "./phone";
import type { SandboxReplyInput } from "./sms-channels.validation";

/** The workspace's SMS channels that use the sandbox provider. */
export async function sandboxChannels(db: DbOrTx, workspaceId: string) {
  return (await listSmsChannels(db, workspaceId)).filter((channel) => channel.sms?.provider === "sandbox");
}

/** The pretend phones that have exchanged texts on a sandbox channel, most recent first. */
export async function sandboxPhones(db: DbOrTx, workspaceId: string, channelId: string) {
  return db
    .select({
      phone: smsSandboxMessages.phone,
      lastAt: sql<Date>`max(${smsSandboxMessages.createdAt})`.mapWith((value: string | Date) => new Date(value)),
      count: sql<number>`count(*)::int`,
    })
    .from(smsSandboxMessages)
    .where(and(eq(smsSandboxMessages.workspaceId, workspaceId), eq(smsSandboxMessages.channelId, channelId)))
    .groupBy(smsSandboxMessages.phone)
    .orderBy(desc(sql`max(${smsSandboxMessages.createdAt})`));
}

export async function sandboxThread(db: DbOrTx, workspaceId: string, channelId: string, phone: string) {
  return db
    .select()
    .from(smsSandboxMessages)
    .where(and(eq(smsSandboxMessages.workspaceId, workspaceId), eq(smsSandboxMessages.channelId, channelId), eq(smsSandboxMessages.phone, phone)))
    .orderBy(asc(smsSandboxMessages.createdAt), asc(smsSandboxMessages.id));
}

/**
 * "Reply as this phone": the text is stored as the phone sent it and handed to Parley exactly as
 * a provider's inbound webhook would be (receiveInboundSms), in the same transaction. A keyword's
 * answer reaches the pretend phone as the provider's TwiML answer reaches a real one.
 */
export async function sendSandboxReply(ctx: ServiceContext, input: SandboxReplyInput): Promise<InboundSmsResult> {
  const channel = (await sandboxChannels(ctx.tx, ctx.workspace.id)).find((candidate) => candidate.id === input.channelId);
  if (!channel) throw notFound("That sandbox channel");
  const phone = toE164(input.phone);
  if (!phone) throw new SafeError("invalid_phone", "Enter the phone number in international format, e.g. +14155550123.");
  const providerMessageId = `SBIN${randomUUID().replace(/-/g, "")}`;
  await ctx.tx
    .insert(smsSandboxMessages)
    .values({ workspaceId: ctx.workspace.id, channelId: channel.id, direction: "inbound", phone, body: input.body, providerMessageId });
  const result = await receiveInboundSms(ctx, { channelId: channel.id, from: phone, text: input.body, providerMessageId });
  if (result.answer) {
    // After the text it answers (the text's row has the transaction's time).
    await ctx.tx
      .insert(smsSandboxMessages)
      .values({ workspaceId: ctx.workspace.id, channelId: channel.id, direction: "outbound", phone, body: result.answer, providerMessageId: `${providerMessageId}-answer`, createdAt: sql`clock_timestamp()` });
  }
  return result;
}
