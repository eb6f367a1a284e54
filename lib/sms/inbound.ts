import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../db/client";
import type { Channel } from "../db/schema/channels";
import { contacts } from "../db/schema/contacts";
import { recordContactMessage, type RecordedContactMessage } from "../conversations/record-contact-message";
import { SafeError } from "../errors";
import { toE164 } from "./phone";

/**
 * The contact texting from this number: the oldest contact with it, or a new contact with only
 * the phone set. An advisory lock on (workspace, number) makes two first texts arriving at once
 * create one contact.
 */
async function contactForPhone(tx: DbOrTx, workspaceId: string, phone: string): Promise<string> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${workspaceId}), hashtext(${phone}))`);
  const [existing] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.phone, phone)))
    .orderBy(asc(contacts.createdAt))
    .limit(1);
  if (existing) return existing.id;
  const [created] = await tx.insert(contacts).values({ workspaceId, phone }).returning({ id: contacts.id });
  return created!.id;
}

/**
 * A text from a phone on an SMS channel (the provider's webhook, or the sandbox's "reply as this
 * phone"). It goes through the conversation state machine exactly like a chat reply: it opens the
 * contact's campaign on this channel, or lands in their open conversation, or starts an inbound
 * one. The provider's message id makes a redelivered webhook land once.
 */
export async function receiveInboundSms(input: {
  channel: Pick<Channel, "id" | "workspaceId" | "kind">;
  from: string;
  text: string;
  providerMessageId: string;
}, db: DbOrTx = getDb()): Promise<RecordedContactMessage> {
  if (input.channel.kind !== "sms") throw new SafeError("not_found", "That is not an SMS channel.");
  const phone = toE164(input.from);
  if (!phone) throw new SafeError("invalid_phone", `“${input.from}” is not a phone number in international format.`);
  const text = input.text.trim() === "" ? "(empty message)" : input.text;
  return db.transaction(async (tx) => {
    const contactId = await contactForPhone(tx, input.channel.workspaceId, phone);
    return recordContactMessage(
      { workspaceId: input.channel.workspaceId, channelId: input.channel.id, contactId, text, dedupeKey: `sms:${input.providerMessageId}` },
      tx,
    );
  });
}
