import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { integrations } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { contactTextToContent } from "@/lib/conversations/message-content";
import { startConversation } from "@/lib/conversations/start-conversation";
import { runService } from "@/lib/services/run-service";
import { asSystem } from "@/lib/testing/service-scope";
import { generateSigningSecret } from "@/lib/webhooks/signing-secret";

export async function createIntegration(webhookUrl: string, channelId = ACME_CHAT_CHANNEL_ID) {
  const signingSecret = generateSigningSecret();
  const [row] = await getDb()
    .insert(integrations)
    .values({ workspaceId: ACME_WORKSPACE_ID, channelId, name: "Amelia AI", webhookUrl, signingSecret, events: [] })
    .onConflictDoUpdate({ target: integrations.channelId, set: { webhookUrl, signingSecret, enabled: true } })
    .returning();
  return row!;
}

/** A third-party conversation started through the real state machine (which writes its outbox rows). */
export async function startThirdPartyConversation(text = "Hello from the bot") {
  const [contact] = await getDb().select().from(contacts).where(sql`${contacts.workspaceId} = ${ACME_WORKSPACE_ID}`).limit(1);
  return runService(await asSystem(ACME_WORKSPACE_ID), startConversation, {
    contactId: contact!.id,
    channelId: ACME_CHAT_CHANNEL_ID,
    origin: "api",
    direction: "to_contact",
    startWith: "message",
    content: contactTextToContent(text),
    openMode: "immediately",
    sender: { userId: DEMO_USERS[0].id, name: DEMO_USERS[0].name },
    assignOnOpen: { type: "unassigned" },
    thirdParty: true,
  });
}

/** Outbox rows written directly, for tests about the drain's own ordering and retry rules. */
export async function insertDeliveries(integrationId: string, rows: { conversationId: string; event: string }[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const inserted = await getDb().execute<{ id: string }>(sql`
      INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
      VALUES (${ACME_WORKSPACE_ID}, ${integrationId}, ${row.conversationId}, ${row.event}, ${JSON.stringify({ n: ids.length })}::jsonb)
      RETURNING id`);
    ids.push(Number(inserted.rows[0]!.id));
  }
  return ids;
}

export async function deliveryRows(integrationId: string) {
  const result = await getDb().execute<{
    id: string;
    status: string;
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    due_in_ms: number;
  }>(sql`
    SELECT id, status, attempts, last_status_code, last_error,
      (extract(epoch FROM next_attempt_at - now()) * 1000)::int AS due_in_ms
    FROM webhook_deliveries WHERE integration_id = ${integrationId} ORDER BY id`);
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }));
}
