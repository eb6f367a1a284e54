import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { contactErasures, contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";
import { uuidArray } from "@/lib/db/sql-params";
import { notFound, SafeError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { contactEraseJob } from "./contact-erase-job";
import { contactListWhere } from "./contact-list-query";
import { countMatchingContacts } from "./count-matching-contacts";
import type { EraseContactInput, EraseMatchingContactsInput } from "./contact-erasure.validation";
import { writeContactDeletedOutbox } from "./contact-outbox";
import { contactIsLive } from "./live-contact";

/** A selection up to this many contacts is erased in the request's transaction; a larger one by the contact-erase job. */
export const ERASE_NOW_LIMIT = 500;
/** Contacts one job transaction erases: each batch commits alone, so a crash loses at most one batch's work (which is redone). */
export const ERASE_BATCH_SIZE = 200;

/**
 * Deletes these contacts of the context's workspace and everything that is theirs, in the
 * context's transaction. What foreign keys reach goes by ON DELETE CASCADE from the contact row:
 * conversations (and their messages, SMS deliveries), chat sessions, chat rate limits, workflow
 * runs (and their steps), aliases. What no foreign key reaches is deleted here first:
 * - messages they wrote in a conversation that is not theirs (author_contact_id is SET NULL otherwise);
 * - webhook deliveries of their conversations (their payloads carry the messages);
 * - SMS sandbox texts to and from their phone number, unless another contact keeps that number;
 * - the same for the Email sandbox and email suppressions (bounces) by their email address, and
 *   the originals of the emails they sent (lib/storage files, only referenced by email_messages);
 * - stored API responses (Idempotency-Key replays) that show the contact or one of their conversations.
 * Their integrations get contact.deleted first. lib/contacts/__tests__/contact-erasure.test.ts
 * checks every table with a contact column is left without a trace.
 *
 * Raw SQL where a statement keys by something other than a typed column (a phone, a JSON path):
 * each is one statement for the whole batch.
 */
export async function eraseContactRows(ctx: ServiceContext, contactIds: readonly string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const workspaceId = ctx.workspace.id;
  const ids = uuidArray(contactIds);
  await writeContactDeletedOutbox(ctx, contactIds);
  await ctx.tx.execute(sql`
    DELETE FROM webhook_deliveries d USING conversations c
    WHERE d.conversation_id = c.id AND c.workspace_id = ${workspaceId} AND c.contact_id = ANY(${ids})`);
  // Their files (attachments they sent, or that were sent in their conversations): the stored
  // bytes go, and the attachment rows with them (ON DELETE CASCADE from stored_files).
  await ctx.tx.execute(sql`
    DELETE FROM stored_files f USING message_attachments a
    WHERE a.file_id = f.id AND a.workspace_id = ${workspaceId}
      AND (a.contact_id = ANY(${ids}) OR a.uploaded_by_contact_id = ANY(${ids})
        OR a.conversation_id IN (SELECT c.id FROM conversations c WHERE c.workspace_id = ${workspaceId} AND c.contact_id = ANY(${ids})))`);
  await ctx.tx.execute(sql`DELETE FROM messages WHERE workspace_id = ${workspaceId} AND author_contact_id = ANY(${ids})`);
  // Their number off the SMS suppression list, unless another contact has it (as for email below).
  await ctx.tx.execute(sql`
    DELETE FROM sms_suppressions x USING contacts k
    WHERE k.id = ANY(${ids}) AND k.workspace_id = ${workspaceId} AND k.phone IS NOT NULL
      AND x.workspace_id = k.workspace_id AND x.phone = k.phone
      AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = k.workspace_id AND o.phone = k.phone AND NOT (o.id = ANY(${ids})))`);
  await ctx.tx.execute(sql`
    DELETE FROM sms_sandbox_messages s
    USING contacts k
    WHERE k.id = ANY(${ids}) AND k.workspace_id = ${workspaceId} AND k.phone IS NOT NULL
      AND s.workspace_id = k.workspace_id AND s.phone = k.phone
      AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = k.workspace_id AND o.phone = k.phone AND NOT (o.id = ANY(${ids})))`);
  await ctx.tx.execute(sql`
    DELETE FROM stored_files f USING email_messages e, conversations c
    WHERE f.id = e.raw_file_id AND e.conversation_id = c.id AND c.workspace_id = ${workspaceId} AND c.contact_id = ANY(${ids})`);
  const theirAddress = sql`
    FROM contacts k WHERE k.id = ANY(${ids}) AND k.workspace_id = ${workspaceId} AND k.email IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = k.workspace_id AND lower(o.email) = lower(k.email) AND NOT (o.id = ANY(${ids})))`;
  await ctx.tx.execute(sql`
    DELETE FROM email_sandbox_messages s WHERE s.workspace_id = ${workspaceId}
      AND EXISTS (SELECT 1 ${theirAddress} AND (lower(s.to_address) = lower(k.email) OR lower(s.from_address) = lower(k.email)))`);
  await ctx.tx.execute(sql`
    DELETE FROM email_suppressions x WHERE x.workspace_id = ${workspaceId}
      AND EXISTS (SELECT 1 ${theirAddress} AND x.address = lower(k.email))`);
  await ctx.tx.execute(sql`
    DELETE FROM idempotency_keys r
    USING api_keys a
    WHERE r.api_key_id = a.id AND a.workspace_id = ${workspaceId}
      AND (r.response_body #>> '{contact,id}' = ANY(${ids}::text[])
        OR r.response_body #>> '{conversation,contactId}' = ANY(${ids}::text[]))`);
  const deleted = await ctx.tx
    .delete(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...contactIds])))
    .returning({ id: contacts.id });
  return deleted.length;
}

/**
 * Erases one contact (the contact's page, the API's DELETE): the right to erasure. Audited with the
 * contact's id only; nothing of the person stays in the log.
 */
export async function eraseContact(ctx: ServiceContext, input: EraseContactInput): Promise<{ erased: true; contactId: string; externalId: string | null }> {
  const [contact] = await ctx.tx
    .select({ id: contacts.id, externalId: contacts.externalId })
    .from(contacts)
    .where(and(eq(contacts.id, input.contactId), eq(contacts.workspaceId, ctx.workspace.id), contactIsLive()))
    .for("update");
  if (!contact) throw notFound("That contact");
  await eraseContactRows(ctx, [contact.id]);
  await audit(ctx, { action: "contact.erased", target: { type: "contact", id: contact.id } });
  return { erased: true, contactId: contact.id, externalId: contact.externalId };
}

export type EraseMatchingResult = { mode: "erased"; count: number } | { mode: "queued"; count: number; erasureId: string };

/**
 * Erases the contacts of the Contacts list's filter. Up to ERASE_NOW_LIMIT go at once; more are
 * marked with a new erasure (from this commit on nothing of them is readable, lib/contacts/
 * live-contact.ts) and erased by the contact-erase job in batches, resumable after a crash.
 */
export async function eraseMatchingContacts(ctx: ServiceContext, input: EraseMatchingContactsInput): Promise<EraseMatchingResult> {
  const where = contactListWhere(ctx.workspace.id, input.filter);
  const count = await countMatchingContacts(ctx.tx, ctx.workspace.id, input.filter);
  if (count !== input.expectedCount) {
    throw new SafeError("conflict", `The list changed: ${count.toLocaleString("en-US")} contacts match now, not ${input.expectedCount.toLocaleString("en-US")}. Look again before erasing.`, {
      count,
    });
  }
  if (count <= ERASE_NOW_LIMIT) {
    const rows = await ctx.tx.select({ id: contacts.id }).from(contacts).where(where).for("update");
    const erased = await eraseContactRows(ctx, rows.map((row) => row.id));
    await audit(ctx, { action: "contact.bulk_erased", target: { type: "contact_selection", id: "now" }, data: { count: erased } });
    return { mode: "erased", count: erased };
  }
  const [erasure] = await ctx.tx
    .insert(contactErasures)
    .values({ workspaceId: ctx.workspace.id, requestedBy: actorUserId(ctx.actor), total: count })
    .returning({ id: contactErasures.id });
  const erasureId = erasure!.id;
  // One statement marks the whole selection; the job takes it from here.
  const marked = (await ctx.tx.update(contacts).set({ erasureId }).where(where)).rowCount ?? 0;
  // Their conversations leave the inbox in this same commit rather than when the job reaches them:
  // opened_at is the inbox's visibility rule (lib/db/queries/inbox-predicates.ts), which every
  // list, count and partial index follows, so clearing it takes them out of all at once.
  await ctx.tx
    .update(conversations)
    .set({ openedAt: null })
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspace.id),
        isNotNull(conversations.openedAt),
        inArray(conversations.contactId, ctx.tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.erasureId, erasureId)))),
      ),
    );
  await ctx.tx.update(contactErasures).set({ total: marked }).where(eq(contactErasures.id, erasureId));
  await audit(ctx, { action: "contact.bulk_erased", target: { type: "contact_erasure", id: erasureId }, data: { count: marked } });
  await enqueue(ctx.tx, contactEraseJob, { workspaceId: ctx.workspace.id, erasureId }, { jobKey: `${contactEraseJob.name}:${erasureId}` });
  return { mode: "queued", count: marked, erasureId };
}

/**
 * One batch of a large erasure, in its own transaction (the job's): erases up to `batchSize` of
 * its contacts and counts them. Returns false when none were left, having marked the erasure done.
 * SKIP LOCKED lets a retried job and a stale one share the work without waiting on each other.
 */
export async function eraseNextBatch(ctx: ServiceContext, input: { erasureId: string; batchSize?: number }): Promise<boolean> {
  const batch = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.erasureId, input.erasureId)))
    .limit(input.batchSize ?? ERASE_BATCH_SIZE)
    .for("update", { skipLocked: true });
  if (batch.length > 0) {
    const erased = await eraseContactRows(ctx, batch.map((row) => row.id));
    await ctx.tx
      .update(contactErasures)
      .set({ erased: sql`${contactErasures.erased} + ${erased}` })
      .where(and(eq(contactErasures.id, input.erasureId), eq(contactErasures.workspaceId, ctx.workspace.id)));
    return true;
  }
  // Rows another run of the job holds: that run finishes the erasure.
  const [held] = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.erasureId, input.erasureId)))
    .limit(1);
  if (held) return false;
  const finished = await ctx.tx
    .update(contactErasures)
    .set({ status: "done", finishedAt: sql`now()` })
    .where(and(eq(contactErasures.id, input.erasureId), eq(contactErasures.workspaceId, ctx.workspace.id), eq(contactErasures.status, "running")))
    .returning({ erased: contactErasures.erased });
  if (finished[0]) {
    await audit(ctx, { action: "contact.bulk_erasure_finished", target: { type: "contact_erasure", id: input.erasureId }, data: { count: finished[0].erased } });
  }
  return false;
}
