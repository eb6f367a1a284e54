import { smsKeywordMessages } from "@/lib/db/schema/consent";
import { and, eq, inArray, sql } from "drizzle-orm";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { chatSessions, contactAliases, contacts, type Contact } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { workflowRuns } from "@/lib/db/schema/workflows";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { lockGoalCandidates, meetGoals } from "@/lib/workflow/engine/goal-events";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactIsLive } from "./live-contact";
import { MERGE_FIELDS, type MergeContactsInput, type MergeSide } from "./contact-merge.validation";

type Attributes = Contact["attributes"];

const blank = (value: unknown) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** A field's value after the merge: the side chosen, else the survivor's unless it has none. */
function pick<T>(choice: MergeSide | undefined, survivor: T, merged: T): T {
  if (choice === "merged") return merged;
  if (choice === "survivor") return survivor;
  return blank(survivor) ? merged : survivor;
}

/** The merged attributes: every key of either contact, a differing one by the choice made for it. */
export function mergeAttributes(survivor: Attributes, merged: Attributes, choices: Record<string, MergeSide>): Attributes {
  const result: Attributes = {};
  for (const key of new Set([...Object.keys(survivor), ...Object.keys(merged)])) {
    const value = pick(choices[key], survivor[key] ?? null, merged[key] ?? null);
    if (!blank(value)) result[key] = value;
  }
  return result;
}

/**
 * What a merge moves from the merged contact to the survivor, by table and contact column, and
 * what goes with the merged contact (a rate-limit window of a few seconds' chat). The merge test
 * checks this covers every column holding a contact id, so a new one cannot be forgotten.
 */
export const MERGE_MOVES = [
  "conversations.contact_id",
  "messages.author_contact_id",
  "chat_sessions.contact_id",
  "workflow_runs.contact_id",
  "contact_aliases.contact_id",
  "contact_channel_consent.contact_id",
  "sms_keyword_messages.contact_id",
  "message_attachments.contact_id",
  "message_attachments.uploaded_by_contact_id",
] as const;
export const MERGE_DROPS = ["chat_rate_limits.contact_id", "live_events.contact_id"] as const;

/**
 * Merges two contacts of the same person into `survivorId`: their conversations (and the messages
 * they wrote), chat sessions, workflow runs and aliases move to the survivor; tags are united;
 * each field and attribute takes the side chosen. The merged contact's external id (and the
 * survivor's, if the merged one's was kept) becomes an alias of the survivor, so the API, the
 * chat's identity and contact references keep reaching the person. Audited.
 */
export async function mergeContacts(ctx: ServiceContext, input: MergeContactsInput): Promise<{ contactId: string }> {
  const workspaceId = ctx.workspace.id;
  // The runs this merge may convert are locked before their contacts, in the engine's order.
  await lockGoalCandidates(ctx, { kind: "contact_changed", contactIds: [input.survivorId, input.mergedId] });
  const both = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [input.survivorId, input.mergedId]), contactIsLive()))
    .orderBy(contacts.id)
    .for("update");
  const survivor = both.find((row) => row.id === input.survivorId);
  const merged = both.find((row) => row.id === input.mergedId);
  if (!survivor || !merged) throw notFound("That contact");

  await ctx.tx
    .update(conversations)
    .set({ contactId: survivor.id })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, merged.id)));
  await ctx.tx
    .update(messages)
    .set({ authorContactId: survivor.id })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.authorContactId, merged.id)));
  // Their files follow their conversations (the rows' foreign keys would otherwise delete them with the merged contact).
  await ctx.tx
    .update(messageAttachments)
    .set({ contactId: survivor.id })
    .where(and(eq(messageAttachments.workspaceId, workspaceId), eq(messageAttachments.contactId, merged.id)));
  await ctx.tx
    .update(messageAttachments)
    .set({ uploadedByContactId: survivor.id })
    .where(and(eq(messageAttachments.workspaceId, workspaceId), eq(messageAttachments.uploadedByContactId, merged.id)));
  await ctx.tx
    .update(chatSessions)
    .set({ contactId: survivor.id })
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.contactId, merged.id)));
  // One run per (workflow, contact, trigger key): a run of the merged contact that the survivor
  // also has (both entered a "once" workflow) keeps its history under a key of its own.
  await ctx.tx.execute(sql`
    UPDATE workflow_runs r SET trigger_key = r.trigger_key || ':merged:' || r.id
    WHERE r.workspace_id = ${workspaceId} AND r.contact_id = ${merged.id}
      AND EXISTS (SELECT 1 FROM workflow_runs s WHERE s.workflow_id = r.workflow_id AND s.contact_id = ${survivor.id} AND s.trigger_key = r.trigger_key)`);
  await ctx.tx
    .update(workflowRuns)
    .set({ contactId: survivor.id })
    .where(and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.contactId, merged.id)));
  await ctx.tx
    .update(contactAliases)
    .set({ contactId: survivor.id })
    .where(and(eq(contactAliases.workspaceId, workspaceId), eq(contactAliases.contactId, merged.id)));

  // Consent: the merged person stays unsubscribed from a channel kind either record was (an
  // unsubscribe wins over the survivor's subscribed row); the merged contact's rows go with it (cascade).
  await ctx.tx.execute(sql`
    INSERT INTO contact_channel_consent (workspace_id, contact_id, channel_kind, status, source, updated_at)
    SELECT workspace_id, ${survivor.id}, channel_kind, status, source, updated_at FROM contact_channel_consent
    WHERE workspace_id = ${workspaceId} AND contact_id = ${merged.id}
    ON CONFLICT (contact_id, channel_kind) DO UPDATE SET status = excluded.status, source = excluded.source, updated_at = excluded.updated_at
      WHERE excluded.status = 'unsubscribed' AND contact_channel_consent.status <> 'unsubscribed'`);
  // Their carrier keywords (STOP, START, HELP) are the survivor's history now.
  await ctx.tx
    .update(smsKeywordMessages)
    .set({ contactId: survivor.id })
    .where(and(eq(smsKeywordMessages.workspaceId, workspaceId), eq(smsKeywordMessages.contactId, merged.id)));

  const choices = input.fields;
  const values = Object.fromEntries(MERGE_FIELDS.map((field) => [field, pick(choices[field], survivor[field], merged[field])])) as Pick<
    Contact,
    (typeof MERGE_FIELDS)[number]
  >;
  // The merged row goes before the survivor takes its values, so unique keys (external id) never clash.
  await ctx.tx.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, merged.id)));
  const [updated] = await ctx.tx
    .update(contacts)
    .set({
      ...values,
      attributes: mergeAttributes(survivor.attributes, merged.attributes, input.attributes),
      tags: [...new Set([...survivor.tags, ...merged.tags])],
      lastConversationOpenedAt: sql`GREATEST(${contacts.lastConversationOpenedAt}, ${merged.lastConversationOpenedAt ?? null}::timestamptz)`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, survivor.id)))
    .returning({ id: contacts.id });

  const aliases = [survivor.externalId, merged.externalId].filter((id): id is string => Boolean(id) && id !== values.externalId);
  if (aliases.length > 0) {
    await ctx.tx
      .insert(contactAliases)
      .values(aliases.map((externalId) => ({ workspaceId, externalId, contactId: survivor.id })))
      .onConflictDoUpdate({ target: [contactAliases.workspaceId, contactAliases.externalId], set: { contactId: survivor.id } });
  }
  // An alias naming the survivor's own external id would be dead weight.
  if (values.externalId) {
    await ctx.tx.delete(contactAliases).where(and(eq(contactAliases.workspaceId, workspaceId), eq(contactAliases.externalId, values.externalId)));
  }
  // The merged attributes and tags may meet a condition goal of the survivor's runs (its own and
  // the ones it took over, which keep their goal state: a converted run stays converted).
  await meetGoals(ctx, { kind: "contact_changed", contactIds: [survivor.id] });
  await audit(ctx, { action: "contact.merged", target: { type: "contact", id: survivor.id }, data: { mergedContactId: merged.id } });
  return { contactId: updated!.id };
}
