import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { authSecret } from "@/lib/auth/secret";
import type { DbOrTx } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailOpenTracking } from "@/lib/db/schema/outreach";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { publicBaseUrl } from "@/lib/urls/app-link";
import { advanceFirstMessages } from "./first-message-status";
import type { SetEmailOpenTrackingInput } from "./email-open-tracking.validation";

/** Turns the email open pixel on or off for the workspace (off unless turned on). */
export async function setEmailOpenTracking(ctx: ServiceContext, input: SetEmailOpenTrackingInput): Promise<{ enabled: boolean }> {
  if (input.enabled) {
    await ctx.tx.insert(emailOpenTracking).values({ workspaceId: ctx.workspace.id, enabledBy: actorUserId(ctx.actor) }).onConflictDoNothing();
  } else {
    await ctx.tx.delete(emailOpenTracking).where(eq(emailOpenTracking.workspaceId, ctx.workspace.id));
  }
  await audit(ctx, { action: "workspace.email_open_tracking_changed", target: { type: "workspace", id: ctx.workspace.id }, data: { enabled: input.enabled } });
  return { enabled: input.enabled };
}

export async function isEmailOpenTrackingOn(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ id: emailOpenTracking.workspaceId }).from(emailOpenTracking).where(eq(emailOpenTracking.workspaceId, workspaceId));
  return Boolean(row);
}

// The pixel's address names a conversation by an unguessable token: its id and an HMAC of it with
// the install's secret, so nobody can mark a message seen without the email that carries it, and
// the address reveals nothing about the workspace, the contact or the message.
function signature(conversationId: string): string {
  const secret = authSecret();
  if (!secret) throw new Error("No auth secret: open pixels cannot be signed.");
  return createHmac("sha256", secret).update(`email-open:${conversationId}`).digest("hex").slice(0, 32);
}

export function openPixelToken(conversationId: string): string {
  return `${conversationId.replaceAll("-", "")}${signature(conversationId)}`;
}

/** The conversation an open pixel's token names, when its signature matches; null for anything else. */
export function conversationOfOpenPixel(token: string): string | null {
  const match = /^([0-9a-f]{32})([0-9a-f]{32})$/.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(signature(id));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/**
 * The open pixel to put in this email, or null: only a workflow's first email (the message its
 * Start a Conversation step wrote), only where the workspace turned tracking on, only with a
 * public address for the install.
 */
export async function openPixelUrlFor(db: DbOrTx, email: { workspaceId: string; conversationId: string; messageId: string }): Promise<string | null> {
  const base = publicBaseUrl();
  if (!base) return null;
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(messages, and(eq(messages.id, email.messageId), eq(messages.conversationId, conversations.id)))
    .innerJoin(emailOpenTracking, eq(emailOpenTracking.workspaceId, conversations.workspaceId))
    .where(
      and(
        eq(conversations.id, email.conversationId),
        eq(conversations.workspaceId, email.workspaceId),
        sql`${conversations.outreachStatus} IS NOT NULL`,
        sql`${messages.dedupeKey} = 'start:' || ${conversations.nodeId}`,
      ),
    );
  return row ? `${base}/api/email/open/${openPixelToken(email.conversationId)}` : null;
}

/** An open pixel was loaded: its first message is seen, if the workspace (still) tracks opens. */
export async function recordEmailOpen(db: DbOrTx, token: string): Promise<void> {
  const conversationId = conversationOfOpenPixel(token);
  if (!conversationId) return;
  const [row] = await db
    .select({ workspaceId: conversations.workspaceId })
    .from(conversations)
    .innerJoin(emailOpenTracking, eq(emailOpenTracking.workspaceId, conversations.workspaceId))
    .where(eq(conversations.id, conversationId));
  if (row) await advanceFirstMessages(db, row.workspaceId, { conversationIds: [conversationId] }, { status: "seen" });
}
