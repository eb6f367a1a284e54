import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { sessionToken } from "@/lib/chat/session-token";
import { getDb } from "@/lib/db/client";
import { chatSessions } from "@/lib/db/schema/contacts";
import { ensureFreshBuild, freePortIn, startWebProcess, type WebProcess } from "@/lib/testing/child-processes";
import type { StreamEvent } from "@/lib/testing/event-stream-client";
import { createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

// What the web-process scenarios (web-kill, scale-out) share: two `npm start` web processes on
// the scenario's database, a crowd of agents and chat contacts, and the means to compare what
// each live stream received with what the live_events table says it should have.

// Web processes of the scenarios keep to ports 3220–3239 (see the README's Reliability section).
const WEB_PORTS = [3220, 3239] as const;
const SESSION_COOKIE = "next-auth.session-token";
/** The chat's contact-visible events (app/api/chat/[channelId]/events/route.ts passes only these, as `change`). */
const CONTACT_VISIBLE = ["message.created", "conversation.created", "conversation.opened", "conversation.closed", "conversation.reopened"];

/** Starts `count` web processes (the build first, once, if it is stale) sharing one database and one NEXTAUTH_SECRET. */
export async function startWebProcesses(databaseUrl: string, count: number, authSecret: string, log: (line: string) => void): Promise<WebProcess[]> {
  if (await ensureFreshBuild()) log("built the app (`next build`): the sources had changed since the last build");
  const webs: WebProcess[] = [];
  let port = WEB_PORTS[0] - 1;
  for (let i = 0; i < count; i++) {
    port = await freePortIn(port + 1, WEB_PORTS[1]);
    webs.push(await startWebProcess(databaseUrl, { port, authSecret }));
  }
  try {
    await Promise.all(webs.map((web) => web.ready));
  } catch (error) {
    for (const web of webs) await web.stop();
    throw error;
  }
  log(`started ${count} web processes (\`PARLEY_RUN_WORKER=false npm start\`, same DATABASE_URL and NEXTAUTH_SECRET): ${webs.map((w) => `${w.baseUrl} pid ${w.child.pid}`).join(", ")}`);
  return webs;
}

export type Crowd = {
  ws: WorkspaceFixture;
  channelId: string;
  agents: { id: string; email: string }[];
  contacts: { id: string; token: string }[];
};

/** A workspace with `agents` agents and `contacts` contacts, each with a chat session on the default chat channel. */
export async function seedCrowd(contacts: number, agents: number): Promise<Crowd> {
  const db = getDb();
  const ws = await createWorkspaceFixture(db);
  const tag = ws.workspaceId.slice(0, 8);
  // Bulk set-up of test data: one statement each.
  const madeAgents = await db.execute<{ id: string; email: string }>(sql`
    INSERT INTO users (email, name) SELECT 'agent' || g || '-' || ${tag} || '@crowd.test', 'Agent ' || g FROM generate_series(1, ${agents}) g RETURNING id, email`);
  await db.execute(sql`
    INSERT INTO memberships (workspace_id, user_id, role) SELECT ${ws.workspaceId}::uuid, id, 'agent' FROM users WHERE email LIKE ${`%-${tag}@crowd.test`}`);
  const madeContacts = await db.execute<{ id: string }>(sql`
    INSERT INTO contacts (workspace_id, first_name, last_name, email)
    SELECT ${ws.workspaceId}::uuid, 'Visitor', 'No. ' || g, 'visitor' || g || '-' || ${tag} || '@crowd.test' FROM generate_series(1, ${contacts}) g RETURNING id`);
  const sessions = await db
    .insert(chatSessions)
    .values(madeContacts.rows.map((row) => ({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: row.id })))
    .returning({ id: chatSessions.id, contactId: chatSessions.contactId });
  return {
    ws,
    channelId: ws.chatChannelId,
    agents: madeAgents.rows,
    // The fixture's chat channel secret is "s" (createWorkspaceFixture).
    contacts: sessions.map((session) => ({ id: session.contactId, token: sessionToken(session.id, "s") })),
  };
}

/** The cookie next-auth sets after an agent signs in (a session JWT signed with the shared secret). */
export async function agentSessionCookie(agent: { id: string; email: string }, authSecret: string): Promise<string> {
  return `${SESSION_COOKIE}=${await encode({ token: { sub: agent.id, sv: 0, name: agent.email, email: agent.email }, secret: authSecret })}`;
}

export const agentStreamUrl = (baseUrl: string, crowd: Crowd) => `${baseUrl}/api/events?workspaceId=${crowd.ws.workspaceId}`;
export const chatStreamUrl = (baseUrl: string, crowd: Crowd, token: string) => `${baseUrl}/api/chat/${crowd.channelId}/events?session=${encodeURIComponent(token)}`;

/**
 * A contact's chat page sending one message: POST …/messages with a client id, resent with the
 * same id until it is answered (the chat page does the same; the id makes a resend land once).
 * `baseUrl()` is asked on every attempt. Returns the message id and which process took it.
 */
export async function postChatMessage(
  baseUrl: () => string,
  crowd: Crowd,
  token: string,
  text: string,
  clientId: string,
  options: { attempts?: number; onRetry?: (error: string) => void } = {},
): Promise<{ messageId: string; status: number; baseUrl: string; attempts: number }> {
  const attempts = options.attempts ?? 20;
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const url = baseUrl();
    try {
      const response = await fetch(`${url}/api/chat/${crowd.channelId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", [CHAT_SESSION_HEADER]: token },
        body: JSON.stringify({ text, clientId }),
      });
      const body = (await response.json()) as { messageId?: string };
      if ((response.status === 200 || response.status === 201) && body.messageId) return { messageId: body.messageId, status: response.status, baseUrl: url, attempts: attempt };
      lastError = `${url} answered ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      lastError = `${url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
    }
    options.onRetry?.(lastError);
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
  throw new Error(`a chat message was never accepted after ${attempts} attempts: ${lastError}`);
}

type StoredEvent = { id: number; contactId: string | null; type: string; conversationId: string | null; workflowId: string | null };

/** The workspace's stored live events (every event a stream can be sent, with its id). */
export async function storedLiveEvents(workspaceId: string): Promise<StoredEvent[]> {
  const rows = await getDb().execute<{ id: string; contact_id: string | null; type: string; conversation_id: string | null; workflow_id: string | null }>(sql`
    SELECT id, contact_id, payload->>'type' AS type, payload->>'conversationId' AS conversation_id, payload->>'workflowId' AS workflow_id
    FROM live_events WHERE workspace_id = ${workspaceId}::uuid ORDER BY id`);
  return rows.rows.map((row) => ({ id: Number(row.id), contactId: row.contact_id, type: row.type, conversationId: row.conversation_id, workflowId: row.workflow_id }));
}

/** "120.117.119" → ids after 120, and 117 and 119 (lib/live/live-cursor.ts's text form). */
function after(cursor: string): (id: number) => boolean {
  const [last = 0, ...pending] = cursor.split(".").map(Number);
  return (id) => id > last || pending.includes(id);
}

export type StreamKind = { kind: "agent" } | { kind: "contact"; contactId: string };

/** What a stream should have been sent, as "type conversation" keys with counts, from the cursor its first `ready` carried. */
export function expectedKeys(stored: StoredEvent[], stream: StreamKind, startCursor: string): Map<string, number> {
  const isAfter = after(startCursor);
  const counts = new Map<string, number>();
  for (const event of stored) {
    if (!isAfter(event.id)) continue;
    let key: string;
    if (stream.kind === "agent") key = event.workflowId ? `workflow ${event.type} ${event.workflowId}` : `change ${event.type} ${event.conversationId}`;
    else if (event.contactId === stream.contactId && CONTACT_VISIBLE.includes(event.type)) key = `change ${event.type}`;
    else continue;
    // An inbox stream merges the changes of one type it is not concerned by into one message naming
    // their conversations once each (app/api/events/route.ts), so an agent's change keys count
    // once; the ids check (none repeated) is what shows nothing was sent twice there.
    counts.set(key, stream.kind === "agent" && key.startsWith("change ") ? 1 : (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** What a stream was sent, keyed as expectedKeys does (ready, resync and presence events aside). */
export function receivedKeys(events: StreamEvent[], stream: StreamKind): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.event !== "change" && event.event !== "workflow") continue;
    const data = JSON.parse(event.data) as { type: string; conversationId?: string | null; conversationIds?: string[]; workflowId?: string };
    if (stream.kind === "agent" && event.event === "change") {
      for (const id of data.conversationIds?.length ? data.conversationIds : [data.conversationId ?? null]) counts.set(`change ${data.type} ${id}`, 1);
      continue;
    }
    const key = stream.kind === "contact" ? `change ${data.type}` : `workflow ${data.type} ${data.workflowId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The differences between two key counts, worded for a failed check ("" when equal). */
export function describeDifference(expected: Map<string, number>, received: Map<string, number>): string {
  const lines: string[] = [];
  for (const key of new Set([...expected.keys(), ...received.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = received.get(key) ?? 0;
    if (want !== got) lines.push(`${key}: expected ${want}, received ${got}`);
  }
  return lines.slice(0, 5).join("; ") + (lines.length > 5 ? `; and ${lines.length - 5} more` : "");
}

/**
 * Every event a stream dispatched with an id must move its id (the stream's cursor) on from the one
 * just before it: the server sends an event's id only after it took the event in, so the same
 * event sent twice (live and replayed, or replayed twice) would repeat the id. Returns the repeats.
 */
export function cursorStepsBack(events: StreamEvent[]): number {
  // A stream's id rides on each written chunk (lib/live/stream-writer.ts), after the chunk's last
  // message, so messages earlier in a chunk carry the id before it: what must hold is that the
  // cursor never moves back, across reconnects too (a resume never replays from before it).
  let highest = 0;
  let back = 0;
  for (const event of events) {
    const last = Number((event.lastEventId ?? "").split(".")[0] || 0);
    if (last < highest) back++;
    highest = Math.max(highest, last);
  }
  return back;
}
