import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { integrations } from "@/lib/db/schema/channels";
import { chatRateLimits, chatSessions, contactAliases, contacts } from "@/lib/db/schema/contacts";
import { messages } from "@/lib/db/schema/conversations";
import { smsKeywordMessages, smsSuppressions } from "@/lib/db/schema/consent";
import { contactChannelConsent, emailSuppressions } from "@/lib/db/schema/email";
import { apiKeys, idempotencyKeys } from "@/lib/db/schema/platform";
import { smsSandboxMessages } from "@/lib/db/schema/sms";
import { runSteps, workflowRuns, workflowVersions, workflows } from "@/lib/db/schema/workflows";
import { contactTextToContent } from "@/lib/conversations/message-content";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { postAgentMessage } from "@/lib/conversations/agent-actions";
import { uploadAttachment } from "@/lib/attachments/upload-attachment";
import { startConversation } from "@/lib/conversations/start-conversation";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { generateSigningSecret } from "@/lib/webhooks/signing-secret";
import type { WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

/** An integration subscribed to every event on each of the fixture's channels. */
export async function integrateChannels(fixture: WorkspaceFixture): Promise<void> {
  for (const channelId of [fixture.chatChannelId, fixture.smsChannelId]) {
    await getDb()
      .insert(integrations)
      .values({ workspaceId: fixture.workspaceId, channelId, name: "CRM", webhookUrl: "https://crm.example/hooks", signingSecret: generateSigningSecret(), events: [] })
      .onConflictDoNothing();
  }
}

/** A published one-node workflow to hang runs on. */
export async function aWorkflow(fixture: WorkspaceFixture): Promise<{ workflowId: string; versionId: string }> {
  const graph = { nodes: [], edges: [] };
  const [workflow] = await getDb().insert(workflows).values({ workspaceId: fixture.workspaceId, name: `W ${randomUUID().slice(0, 6)}`, draftGraph: graph }).returning();
  const [version] = await getDb().insert(workflowVersions).values({ workspaceId: fixture.workspaceId, workflowId: workflow!.id, version: 1, graph }).returning();
  return { workflowId: workflow!.id, versionId: version!.id };
}

export type Footprint = { contactId: string; externalId: string; phone: string; conversationIds: string[]; runIds: string[]; attachmentIds: string[] };

/** A 1×1 PNG: an attachment whose type file-type reads from its bytes. */
export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/**
 * A contact with something in every place a contact leaves data, through the real services where
 * there is one: third-party conversations on chat and SMS (messages, SMS deliveries, webhook
 * deliveries), a reply of theirs, a message they wrote into someone else's conversation, a chat
 * session and its rate-limit window, a workflow run with a step, SMS sandbox texts to their
 * number, an alias, and a stored API response showing them.
 */
export async function contactWithFootprint(
  fixture: WorkspaceFixture,
  workflow: { workflowId: string; versionId: string },
  options: { otherConversationId?: string; apiKeyId?: string; n: number },
): Promise<Footprint> {
  const db = getDb();
  const externalId = `crm-${randomUUID().slice(0, 8)}`;
  const phone = `+1415555${String(1000 + options.n).slice(-4)}`;
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: fixture.workspaceId, externalId, firstName: `Person ${options.n}`, email: `p${options.n}-${externalId}@example.com`, phone, tags: [`t${options.n}`] })
    .returning();
  const contactId = contact!.id;
  const system = await asSystem(fixture.workspaceId);
  const conversationIds: string[] = [];
  for (const channelId of [fixture.chatChannelId, fixture.smsChannelId]) {
    const started = await runService(system, startConversation, {
      contactId,
      channelId,
      origin: "api",
      direction: "to_contact",
      startWith: "message",
      content: contactTextToContent(`Hello ${options.n}`),
      openMode: "after_reply",
      sender: { userId: fixture.builderId, name: "Bea" },
      assignOnOpen: { type: "unassigned" },
      thirdParty: true,
      externalRef: `ext-${options.n}-${channelId.slice(0, 4)}`,
    });
    conversationIds.push(started.conversationId);
  }
  // Their reply opens the chat campaign (and writes message.created to the outbox), with a file;
  // an agent answers with a file; one more upload of theirs waits unsent.
  const asThem = await asContact(fixture.workspaceId, contactId);
  const theirs = await runService(asThem, uploadAttachment, { fileName: `photo-${options.n}.png`, bytes: TINY_PNG });
  await runService(asThem, recordContactMessage, { channelId: fixture.chatChannelId, contactId, text: `Reply from ${options.n}`, attachmentIds: [theirs.id] });
  const ours = await runService(await asMember(fixture.workspaceId, fixture.agentId), uploadAttachment, { fileName: `answer-${options.n}.txt`, bytes: Buffer.from("an answer"), conversationId: conversationIds[0] });
  await runService(await asMember(fixture.workspaceId, fixture.agentId), postAgentMessage, {
    conversationId: conversationIds[0]!, kind: "message", body: contactTextToContent("Here you go").json, attachmentIds: [ours.id],
  });
  const unsent = await runService(asThem, uploadAttachment, { fileName: `draft-${options.n}.png`, bytes: TINY_PNG });
  const attachmentIds = [theirs.id, ours.id, unsent.id];
  if (options.otherConversationId) {
    await db.insert(messages).values({
      workspaceId: fixture.workspaceId,
      conversationId: options.otherConversationId,
      authorType: "contact",
      authorContactId: contactId,
      authorName: `Person ${options.n}`,
      body: contactTextToContent("me too").json,
      html: "<p>me too</p>",
      text: "me too",
    });
  }
  await db.insert(chatSessions).values({ workspaceId: fixture.workspaceId, channelId: fixture.chatChannelId, contactId });
  await db.insert(chatRateLimits).values({ contactId, windowStart: new Date(Math.floor(Date.now() / 60_000) * 60_000), count: 1 });
  const [run] = await db
    .insert(workflowRuns)
    .values({ workspaceId: fixture.workspaceId, workflowId: workflow.workflowId, versionId: workflow.versionId, contactId, triggerKey: "once", status: "completed" })
    .returning();
  await db.insert(runSteps).values({ runId: run!.id, nodeId: "n1", nodeType: "add_tag", status: "ok" });
  await db.insert(smsSandboxMessages).values([
    { workspaceId: fixture.workspaceId, channelId: fixture.smsChannelId, direction: "outbound", phone, body: "Hello", providerMessageId: `sb-${randomUUID()}` },
    { workspaceId: fixture.workspaceId, channelId: fixture.smsChannelId, direction: "inbound", phone, body: "Hi back", providerMessageId: `sb-${randomUUID()}` },
  ]);
  await db.insert(contactAliases).values({ workspaceId: fixture.workspaceId, externalId: `old-${externalId}`, contactId });
  await db.insert(contactChannelConsent).values({ workspaceId: fixture.workspaceId, contactId, channelKind: "email", status: "unsubscribed", source: "list-unsubscribe" });
  await db.insert(emailSuppressions).values({ workspaceId: fixture.workspaceId, address: contact!.email!.toLowerCase(), reason: "bounce" });
  await db.insert(smsSuppressions).values({ workspaceId: fixture.workspaceId, phone, reason: "bounce" });
  await db.insert(smsKeywordMessages).values({ workspaceId: fixture.workspaceId, channelId: fixture.smsChannelId, contactId, phone, keyword: "stop", body: "STOP", providerMessageId: `kw-${randomUUID()}`, reply: "Unsubscribed." });
  if (options.apiKeyId) {
    await db.insert(idempotencyKeys).values({
      apiKeyId: options.apiKeyId,
      key: `idem-${randomUUID()}`,
      requestHash: "x",
      responseStatus: 200,
      responseBody: { contact: { id: contactId, email: contact!.email } },
    });
  }
  return { contactId, externalId, phone, conversationIds, runIds: [run!.id], attachmentIds };
}

export async function anApiKey(fixture: WorkspaceFixture): Promise<string> {
  const [key] = await getDb()
    .insert(apiKeys)
    .values({ workspaceId: fixture.workspaceId, name: "CRM", prefix: "pk_test", keyHash: randomUUID(), scopes: ["contacts:write"] })
    .returning();
  return key!.id;
}

/**
 * Every (table, column) of the database that holds a contact id: the columns of foreign keys to
 * contacts, and any other column named like one. Read from the catalog, so a table added later is
 * checked without anyone listing it.
 */
export async function contactColumns(): Promise<{ table: string; column: string }[]> {
  const result = await getDb().execute<{ table: string; column: string }>(sql`
    SELECT DISTINCT cls.relname AS table, att.attname AS column
    FROM pg_constraint con
    JOIN pg_class cls ON cls.oid = con.conrelid
    JOIN pg_namespace ns ON ns.oid = cls.relnamespace AND ns.nspname = 'public'
    JOIN LATERAL unnest(con.conkey, con.confkey) AS k(attnum, fattnum) ON TRUE
    JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum
    JOIN pg_attribute fatt ON fatt.attrelid = con.confrelid AND fatt.attnum = k.fattnum
    WHERE con.contype = 'f' AND con.confrelid = 'public.contacts'::regclass AND fatt.attname = 'id'
    UNION
    SELECT c.table_name, c.column_name
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name LIKE '%contact_id' AND c.table_name <> 'contacts'
    ORDER BY 1, 2`);
  return result.rows;
}

export async function rowsWith(table: string, column: string, contactId: string): Promise<number> {
  const result = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${contactId}::uuid`);
  return result.rows[0]!.n;
}
