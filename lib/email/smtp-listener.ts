import type { AddressInfo } from "node:net";
import { and, asc, eq, sql } from "drizzle-orm";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { emailThreads } from "@/lib/db/schema/email";
import { workspaces } from "@/lib/db/schema/workspaces";
import { runService } from "@/lib/services/run-service";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { componentLogger } from "@/lib/logging/logger";
import { replyTokenOf } from "./channel-config";
import { MAX_INBOUND_EMAIL_BYTES, receiveInboundEmail } from "./inbound-email";

const log = componentLogger("smtp");

type Route = { channelId: string; workspaceId: string; plan: (typeof workspaces.$inferSelect)["plan"] };

/**
 * The email channel a recipient address belongs to: the channel of the conversation its reply
 * token names, else the oldest email channel whose reply domain is the address's domain. Null:
 * Parley is not the mail server for it, and refuses it (never an open relay).
 */
async function routeRecipient(address: string): Promise<Route | null> {
  const db = getDb();
  const token = replyTokenOf(address);
  if (token) {
    const [thread] = await db
      .select({ channelId: emailThreads.channelId, workspaceId: emailThreads.workspaceId, plan: workspaces.plan })
      .from(emailThreads)
      .innerJoin(workspaces, and(eq(workspaces.id, emailThreads.workspaceId), workspaceIsLive()))
      .where(eq(emailThreads.replyToken, token));
    if (thread) return thread;
  }
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  // Raw predicate on purpose: the reply domain lives in the channel's JSON config; email channels are few.
  const [channel] = await db
    .select({ channelId: channels.id, workspaceId: channels.workspaceId, plan: workspaces.plan })
    .from(channels)
    .innerJoin(workspaces, and(eq(workspaces.id, channels.workspaceId), workspaceIsLive()))
    .where(and(eq(channels.kind, "email"), sql`lower(${channels.config}->>'replyDomain') = ${domain}`))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return channel ?? null;
}

/** Connections the listener serves at once; one more is answered 421 (try again) by smtp-server. */
export const SMTP_MAX_CLIENTS = 20;
const SMTP_SOCKET_TIMEOUT_MS = 60_000;

/**
 * The message's bytes, or null when it is larger than maxBytes. Past the limit the rest is read
 * and dropped (the client must finish DATA before it can be answered 552) but never kept, so a
 * huge message costs no more memory than the limit.
 */
export function collectUpTo(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.once("error", reject);
    stream.once("end", () => resolve(size > maxBytes || (stream as { sizeExceeded?: boolean }).sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

export type SmtpListener = { port: number; close: () => Promise<void> };

/**
 * Parley's own inbound mail server (smtp-server): point an email channel's reply domain's MX at
 * it. It accepts mail only for addresses of an email channel's reply domain, up to 10 MB, and
 * hands each email to receiveInboundEmail for its channel, the same path as the webhook. A
 * failure to record answers 451 so the sending server retries (its retry lands once, by Message-ID).
 */
export async function startSmtpListener(options: { port: number; host: string; maxClients?: number }): Promise<SmtpListener> {
  const server = new SMTPServer({
    name: "parley",
    banner: "Parley inbound mail",
    authOptional: true,
    disabledCommands: ["AUTH"],
    size: MAX_INBOUND_EMAIL_BYTES,
    // Bounded memory: at most maxClients emails of at most 10 MB are held at once, and a client
    // that goes quiet is dropped instead of holding its slot.
    maxClients: options.maxClients ?? SMTP_MAX_CLIENTS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      routeRecipient(address.address).then(
        (route) => callback(route ? undefined : Object.assign(new Error("No such mailbox here"), { responseCode: 550 })),
        () => callback(Object.assign(new Error("Try again later"), { responseCode: 451 })),
      );
    },
    onData(stream, session, callback) {
      collectUpTo(stream, MAX_INBOUND_EMAIL_BYTES).then((raw) => {
        if (!raw) return callback(Object.assign(new Error("The email is larger than 10 MB"), { responseCode: 552 }));
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        deliver(raw, recipients).then(
          () => callback(),
          (error: unknown) => {
            log.error({ err: error }, "could not record an email");
            callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
          },
        );
      }, callback);
    },
  });
  server.on("error", (error) => log.error({ err: error }, "listener error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One email, once per channel its recipients belong to. */
async function deliver(raw: Buffer, recipients: readonly string[]): Promise<void> {
  const byChannel = new Map<string, { route: Route; to: string[] }>();
  for (const address of recipients) {
    const route = await routeRecipient(address);
    if (!route) continue;
    const entry = byChannel.get(route.channelId) ?? { route, to: [] };
    entry.to.push(address);
    byChannel.set(route.channelId, entry);
  }
  for (const { route, to } of byChannel.values()) {
    await runService({ workspace: { id: route.workspaceId, plan: route.plan }, actor: { type: "contact", contactId: null } }, receiveInboundEmail, {
      channelId: route.channelId,
      raw,
      envelopeTo: to,
    });
  }
}

