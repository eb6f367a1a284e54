import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { integrations } from "@/lib/db/schema/channels";
import { kickWebhookDrain } from "@/lib/webhooks/drain-task";
import { generateSigningSecret } from "@/lib/webhooks/signing-secret";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createManyContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

// What the chaos scenarios set running and then check: an audience fan-out (one conversation,
// one first message and one waiting run per contact) and a webhook drain to a loopback receiver.
// The statements here read the whole outcome at once, so they are raw SQL counts.

export type FanOut = { ws: WorkspaceFixture; workflowId: string; contacts: number };

/** A workspace with `contacts` contacts and a published re-engagement workflow: its fan-out is queued for the worker. */
export async function publishFanOut(contacts: number): Promise<FanOut> {
  const ws = await createWorkspaceFixture(getDb());
  await createManyContacts(getDb(), ws.workspaceId, contacts);
  const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId }));
  return { ws, workflowId, contacts };
}

export async function fanOutProgress(fanOut: FanOut): Promise<{ conversations: number; messages: number; waiting: number }> {
  const rows = await getDb().execute<{ conversations: string; messages: string; waiting: string }>(sql`
    SELECT (SELECT count(*) FROM conversations WHERE workflow_id = ${fanOut.workflowId}) AS conversations,
           (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.workflow_id = ${fanOut.workflowId}) AS messages,
           (SELECT count(*) FROM workflow_runs WHERE workflow_id = ${fanOut.workflowId} AND status = 'waiting') AS waiting`);
  const row = rows.rows[0]!;
  return { conversations: Number(row.conversations), messages: Number(row.messages), waiting: Number(row.waiting) };
}

/** Throws unless every contact has exactly one conversation of the workflow, with exactly one message, and one start step. */
export async function checkExactlyOncePerContact(fanOut: FanOut, log: (line: string) => void): Promise<void> {
  const perContact = await getDb().execute<{ contacts: string; min: number | null; max: number | null }>(sql`
    SELECT count(*) AS contacts, min(n) AS min, max(n) AS max FROM (
      SELECT ct.id, count(c.id)::int AS n FROM contacts ct
      LEFT JOIN conversations c ON c.contact_id = ct.id AND c.workflow_id = ${fanOut.workflowId}
      WHERE ct.workspace_id = ${fanOut.ws.workspaceId} GROUP BY ct.id) s`);
  const contacts = perContact.rows[0]!;
  if (Number(contacts.contacts) !== fanOut.contacts || contacts.min !== 1 || contacts.max !== 1) {
    throw new Error(`conversations per contact: expected exactly 1 for each of ${fanOut.contacts}, found ${contacts.contacts} contacts with ${contacts.min}–${contacts.max}`);
  }
  const perConversation = await getDb().execute<{ conversations: string; min: number | null; max: number | null }>(sql`
    SELECT count(*) AS conversations, min(n) AS min, max(n) AS max FROM (
      SELECT c.id, count(m.id)::int AS n FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id
      WHERE c.workflow_id = ${fanOut.workflowId} GROUP BY c.id) s`);
  const messages = perConversation.rows[0]!;
  if (messages.min !== 1 || messages.max !== 1) throw new Error(`first messages per conversation: expected exactly 1, found ${messages.min}–${messages.max}`);
  const steps = await getDb().execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM run_step_log s JOIN workflow_runs r ON r.id = s.run_id WHERE r.workflow_id = ${fanOut.workflowId} AND s.node_id = 'start'`);
  if (Number(steps.rows[0]!.n) !== fanOut.contacts) throw new Error(`start steps: expected ${fanOut.contacts}, found ${steps.rows[0]!.n}`);
  log(`checked: each of ${fanOut.contacts} contacts has exactly 1 conversation, 1 first message and 1 start step`);
}

export type WebhookBatch = { integrationId: string; ids: number[] };

/** An integration on the fixture's chat channel pointing at `url`, `count` pending deliveries, and a drain kicked. */
export async function queueWebhooks(ws: WorkspaceFixture, url: string, count: number): Promise<WebhookBatch> {
  const [integration] = await getDb()
    .insert(integrations)
    .values({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, name: "Chaos receiver", webhookUrl: url, signingSecret: generateSigningSecret(), events: [] })
    .returning();
  // One statement for thousands of rows; each its own conversation so none waits behind another.
  const inserted = await getDb().execute<{ id: string }>(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT ${ws.workspaceId}, ${integration!.id}, gen_random_uuid(), 'conversation.created', jsonb_build_object('n', g)
    FROM generate_series(1, ${count}) g RETURNING id`);
  await kickWebhookDrain(getDb());
  return { integrationId: integration!.id, ids: inserted.rows.map((row) => Number(row.id)) };
}

/** The integration's deliveries: the ones queued here and those the fan-out's conversations add. */
export async function webhookCounts(batch: WebhookBatch): Promise<{ total: number; delivered: number }> {
  const result = await getDb().execute<{ total: string; delivered: string }>(
    sql`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'delivered') AS delivered FROM webhook_deliveries WHERE integration_id = ${batch.integrationId}`,
  );
  return { total: Number(result.rows[0]!.total), delivered: Number(result.rows[0]!.delivered) };
}

/**
 * Throws unless every delivery of the integration (queued here, or written by the fan-out's
 * conversations) is recorded once, delivered, and reached the receiver at least once
 * (Parley-Delivery-Id): one cut off mid-request is retried (at-least-once; receivers dedupe on the id).
 */
export async function checkWebhooks(batch: WebhookBatch, receivedIds: number[], log: (line: string) => void): Promise<void> {
  const rows = await getDb().execute<{ id: string; status: string; conversation_id: string | null; event: string }>(
    sql`SELECT id, status, conversation_id, event FROM webhook_deliveries WHERE integration_id = ${batch.integrationId}`,
  );
  const queued = new Set(batch.ids);
  const missingQueued = batch.ids.filter((id) => !rows.rows.some((row) => Number(row.id) === id));
  if (missingQueued.length > 0) throw new Error(`${missingQueued.length} queued webhook rows are gone`);
  // Recorded once: one row per conversation and event (the fan-out's rows are written by the conversations' state machine).
  const keys = new Set(rows.rows.filter((row) => !queued.has(Number(row.id))).map((row) => `${row.conversation_id}:${row.event}`));
  if (keys.size !== rows.rows.length - batch.ids.length) throw new Error(`${rows.rows.length - batch.ids.length - keys.size} webhook events were recorded twice`);
  const notDelivered = rows.rows.filter((row) => row.status !== "delivered");
  if (notDelivered.length > 0) throw new Error(`${notDelivered.length} webhook deliveries are not recorded as delivered (e.g. ${notDelivered[0]!.id}: ${notDelivered[0]!.status})`);
  const counts = new Map<number, number>();
  for (const id of receivedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing = rows.rows.filter((row) => !counts.has(Number(row.id)));
  if (missing.length > 0) throw new Error(`${missing.length} webhook deliveries never reached the receiver (e.g. ${missing[0]!.id})`);
  const repeated = [...counts.values()].filter((n) => n > 1).length;
  log(
    `checked: each of ${rows.rows.length} webhooks (${batch.ids.length} queued, ${rows.rows.length - batch.ids.length} from the fan-out's conversations) is recorded once, delivered, and reached the receiver at least once (${repeated} more than once: cut off mid-request and retried)`,
  );
}
