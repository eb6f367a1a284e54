import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { channels, type Channel } from "../db/schema/channels";
import { chatSessions, type Contact } from "../db/schema/contacts";
import { conversations, messages } from "../db/schema/conversations";
import { memberships, users } from "../db/schema/workspaces";
import { assertAssigneeInWorkspace } from "../conversations/agent-actions";
import { startConversation } from "../conversations/start-conversation";
import { assertEnterprise } from "../plans/require-enterprise";
import { toE164 } from "../sms/phone";
import { SafeError } from "../errors";
import type { ApiCaller } from "./authenticate";
import type { ApiResult } from "./idempotency";
import { renderForContact } from "./message-input";
import { resolveContact } from "./resolve-contact";
import type { StartConversationBody } from "./schemas/conversations";
import { serializeConversation } from "./serialize";

async function resolveChannel(tx: Tx, workspaceId: string, channelId: string | undefined): Promise<Channel & { isDefaultChat: boolean }> {
  const [channel] = await tx
    .select()
    .from(channels)
    .where(
      channelId
        ? and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId))
        : and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "chat"), eq(channels.isDefault, true)),
    );
  if (!channel) {
    throw channelId
      ? new SafeError("not_found", "No such channel in this workspace.")
      : new SafeError("unprocessable", "This workspace has no default chat channel; pass a channelId.");
  }
  return { ...channel, isDefaultChat: channel.kind === "chat" && channel.isDefault };
}

/** The third-party options are Enterprise; the same rule the node's validation applies. */
function gateThirdParty(caller: ApiCaller, body: StartConversationBody, channel: { isDefaultChat: boolean }): void {
  if (caller.plan === "enterprise") return;
  if (!channel.isDefaultChat) assertEnterprise(caller.plan, "Starting a conversation on a channel other than the default chat");
  if (body.customerDestination) assertEnterprise(caller.plan, "Customer destination");
  if (body.customerIdentifier) assertEnterprise(caller.plan, "Customer identifier");
  if (body.createInThirdParty) assertEnterprise(caller.plan, "Creating conversations in integrated 3rd-party systems");
}

async function senderOf(tx: Tx, caller: ApiCaller, body: StartConversationBody): Promise<{ userId: string | null; name: string }> {
  if (!body.senderUserId) return { userId: null, name: body.senderName ?? caller.apiKeyName };
  const [member] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, caller.workspaceId)))
    .where(eq(users.id, body.senderUserId));
  if (!member) throw new SafeError("not_found", "The sender is not a member of this workspace.");
  return { userId: member.id, name: body.senderName ?? member.name };
}

/** Where the contact is reached: a chat session of theirs on this channel, or an E.164 number. */
async function destinationOf(tx: Tx, channel: Channel, contact: Contact, requested: string | undefined): Promise<string | null> {
  if (channel.kind === "sms") {
    const raw = requested || contact.phone;
    if (!raw) throw new SafeError("unprocessable", "This contact has no phone number; pass customerDestination as an E.164 number.");
    const phone = toE164(raw);
    if (!phone) throw new SafeError("unprocessable", `“${raw}” is not a phone number in international format, e.g. +14155550123.`);
    return phone;
  }
  if (!requested) return null;
  const notASession = () => new SafeError("unprocessable", "customerDestination is not a chat session of this contact on this channel.");
  if (!z.uuid().safeParse(requested).success) throw notASession();
  const [session] = await tx
    .select({ id: chatSessions.id })
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.workspaceId, channel.workspaceId),
        eq(chatSessions.channelId, channel.id),
        eq(chatSessions.contactId, contact.id),
        eq(chatSessions.id, requested),
      ),
    );
  if (!session) throw notASession();
  return session.id;
}

/**
 * POST /api/v1/conversations: the API's Start a Conversation, through the same state machine
 * function the workflow node uses (lib/conversations startConversation), with origin "api".
 */
export async function startConversationRequest(tx: Tx, caller: ApiCaller, body: StartConversationBody): Promise<ApiResult> {
  const channel = await resolveChannel(tx, caller.workspaceId, body.channelId);
  gateThirdParty(caller, body, channel);
  const contact = await resolveContact(tx, caller.workspaceId, body.contact);
  const sender = await senderOf(tx, caller, body);
  await assertAssigneeInWorkspace(tx, caller.workspaceId, body.assignee);
  const destination = await destinationOf(tx, channel, contact, body.customerDestination);

  const content = renderForContact(body.message, {
    contact: {
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      company: contact.company,
      attributes: contact.attributes,
    },
    session: channel.kind === "chat" && destination ? { id: destination } : null,
    sender: { name: sender.name },
  });

  const started = await startConversation(tx, {
    workspaceId: caller.workspaceId,
    contactId: contact.id,
    channelId: channel.id,
    origin: "api",
    source: null,
    direction: body.direction,
    startWith: body.startWith,
    content,
    openMode: body.openMode,
    sender,
    assignOnOpen: body.assignee,
    contactName: [contact.firstName, contact.lastName].filter(Boolean).join(" ") || null,
    customerDestination: destination,
    customerIdentifier: body.customerIdentifier ?? null,
    externalRef: body.externalRef ?? null,
    thirdParty: body.createInThirdParty ?? caller.plan === "enterprise",
  });

  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, started.conversationId), eq(conversations.workspaceId, caller.workspaceId)));
  const thread = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, started.conversationId), eq(messages.workspaceId, caller.workspaceId)))
    .orderBy(asc(messages.createdAt));
  return { status: 201, body: { conversation: serializeConversation(conversation!, thread) } };
}
