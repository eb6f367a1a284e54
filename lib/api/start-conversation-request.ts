import { attributeTypesOf } from "@/lib/contacts/attribute-definitions";
import { skipReasonFor } from "@/lib/consent/consent-skips";
import { startEmailThreads } from "@/lib/email/email-threads";
import { isEmailAddress } from "@/lib/workflow/customer-destination";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { channels, type Channel } from "@/lib/db/schema/channels";
import { chatSessions, type Contact } from "@/lib/db/schema/contacts";
import { contactPersonalName } from "@/lib/contacts/display-name";
import { resolveContact } from "@/lib/contacts/resolve-contact";
import { assertAssigneeInWorkspace } from "@/lib/conversations/agent-actions";
import { startConversation } from "@/lib/conversations/start-conversation";
import { isEnterprise } from "@/lib/plans/plan";
import { assertEnterprise } from "@/lib/plans/require-enterprise";
import { toE164 } from "@/lib/sms/phone";
import { SafeError } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";
import { findMemberName } from "@/lib/workspace/member-name";
import type { ApiServiceContext } from "./api-route";
import type { ApiResult } from "./idempotency";
import { renderForContact } from "./message-input";
import { readConversation } from "./read-conversation";
import type { StartConversationBody } from "./schemas/conversations";

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
function gateThirdParty(ctx: ApiServiceContext, body: StartConversationBody, channel: { isDefaultChat: boolean }): void {
  const { plan } = ctx.workspace;
  if (isEnterprise(plan)) return;
  if (!channel.isDefaultChat) assertEnterprise(plan, "Starting a conversation on a channel other than the default chat");
  if (body.customerDestination) assertEnterprise(plan, "Customer destination");
  if (body.customerIdentifier) assertEnterprise(plan, "Customer identifier");
  if (body.createInThirdParty) assertEnterprise(plan, "Creating conversations in integrated 3rd-party systems");
}

/** A member shown as the sender, or a bot named by senderName (default: the API key's name). */
async function senderOf(ctx: ApiServiceContext, body: StartConversationBody): Promise<{ userId: string | null; name: string }> {
  if (!body.senderUserId) return { userId: null, name: body.senderName ?? ctx.actor.name };
  const memberName = await findMemberName(ctx.tx, ctx.workspace.id, body.senderUserId);
  if (memberName === null) throw new SafeError("not_found", "The sender is not a member of this workspace.");
  return { userId: body.senderUserId, name: body.senderName ?? memberName };
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
  if (channel.kind === "email") {
    const address = (requested || contact.email || "").trim();
    if (!address) throw new SafeError("unprocessable", "This contact has no email address; pass customerDestination as an email address.");
    if (!isEmailAddress(address)) throw new SafeError("unprocessable", `“${address}” is not an email address.`);
    return address;
  }
  if (!requested) return null;
  const notASession = () => new SafeError("unprocessable", "customerDestination is not a chat session of this contact on this channel.");
  if (!uuidSchema.safeParse(requested).success) throw notASession();
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
 * service the workflow node uses (lib/conversations startConversations), with origin "api".
 */
export async function startConversationRequest(ctx: ApiServiceContext, body: StartConversationBody): Promise<ApiResult> {
  const channel = await resolveChannel(ctx.tx, ctx.workspace.id, body.channelId);
  gateThirdParty(ctx, body, channel);
  const contact = await resolveContact(ctx.tx, ctx.workspace.id, body.contact);
  const sender = await senderOf(ctx, body);
  await assertAssigneeInWorkspace(ctx.tx, ctx.workspace.id, body.assignee);
  const destination = await destinationOf(ctx.tx, channel, contact, body.customerDestination);
  if (body.startWith === "message" && body.direction === "to_contact") {
    // Refused, not silently skipped at send time: the caller learns nothing was sent.
    const skip = await skipReasonFor(ctx.tx, { workspaceId: ctx.workspace.id, kind: channel.kind, contactId: contact.id, address: destination ?? "", outreach: true });
    if (skip?.status === "unsubscribed") throw new SafeError("contact_unsubscribed", `This contact ${skip.reason}; nothing was sent.`);
    if (skip) throw new SafeError("address_bouncing", `This contact's ${skip.reason}; nothing was sent.`);
  }

  const renderContext = {
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
    attributeTypes: await attributeTypesOf(ctx.tx, ctx.workspace.id),
  };
  const content = renderForContact(body.message, renderContext);
  const subject = channel.kind === "email" && body.subject ? renderForContact(body.subject, renderContext).text.replace(/\s+/g, " ").trim() : null;

  const started = await startConversation(ctx, {
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
    contactName: contactPersonalName(contact),
    customerDestination: destination,
    customerIdentifier: body.customerIdentifier ?? null,
    externalRef: body.externalRef ?? null,
    thirdParty: body.createInThirdParty ?? isEnterprise(ctx.workspace.plan),
  });

  if (channel.kind === "email" && started.created) {
    await startEmailThreads(ctx.tx, { workspaceId: ctx.workspace.id, channelId: channel.id, threads: [{ conversationId: started.conversationId, subject }] });
  }
  return { status: 201, body: { conversation: await readConversation(ctx.tx, ctx.workspace.id, started.conversationId) } };
}
