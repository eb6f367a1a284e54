import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { ChaosScenario } from "@/lib/chaos/chaos-scenario";
import { startChaosDatabase } from "@/lib/chaos/chaos-database";
import {
  agentSessionCookie,
  agentStreamUrl,
  chatStreamUrl,
  describeDifference,
  expectedKeys,
  postChatMessage,
  receivedKeys,
  cursorStepsBack,
  seedCrowd,
  startWebProcesses,
  storedLiveEvents,
  type StreamKind,
} from "@/lib/chaos/web-crowd";
import { getDb } from "@/lib/db/client";
import { killProcessGroup, startWorkerScript, waitUntil, type WebProcess, type WorkerProcess } from "@/lib/testing/child-processes";
import { openEventStream, type EventStreamClient } from "@/lib/testing/event-stream-client";

const AUTH_SECRET = "parley-chaos-web-kill-secret-5c2e8a1f";

function check(condition: boolean, what: string, log: (line: string) => void) {
  if (!condition) throw new Error(`check failed: ${what}`);
  log(`checked: ${what}`);
}

type Reader = { name: string; kind: StreamKind; client: EventStreamClient };

/**
 * Two web processes and a worker on one PostgreSQL. Agents hold their inbox's live stream and
 * contacts their chat's, all on web A, while contacts keep posting messages through A and B.
 * A is SIGKILLed mid-flow; every stream reconnects (to B: A is gone, as a load balancer would
 * route it) with its Last-Event-ID, and must have been sent every stored event it may see
 * exactly once, without a `resync`.
 */
export const scenario: ChaosScenario = {
  name: "web-kill",
  description:
    "A web process holding contacts' chat streams and agents' inbox streams is SIGKILLed while messages keep flowing: the streams reconnect to the other web process with Last-Event-ID and miss nothing (contacts' streams get nothing twice; agents' cursors never move back) and need no resync.",
  run: async ({ short, log }) => {
    const contactCount = short ? 6 : 60;
    const agentCount = short ? 3 : 20;
    // Messages each contact sends before the kill and after every stream is back; in between,
    // they keep sending until every stream has reconnected.
    const before = short ? 2 : 5;
    const afterwards = short ? 2 : 5;
    const db = await startChaosDatabase("web-kill", log);
    let webs: WebProcess[] = [];
    let worker: WorkerProcess | undefined;
    const readers: Reader[] = [];
    try {
      const crowd = await seedCrowd(contactCount, agentCount);
      log(`seeded a workspace with ${agentCount} agents and ${contactCount} contacts, each with a chat session`);
      worker = startWorkerScript(db.url, { WORKER_CONCURRENCY: "2" });
      webs = await startWebProcesses(db.url, 2, AUTH_SECRET, log);
      const [a, b] = webs as [WebProcess, WebProcess];
      await worker.ready;
      log(`started \`npm run worker\` (pid ${worker.child.pid})`);

      // The streams go to A while it lives, then to B: what a load balancer does once A is gone.
      const streamBase = () => (a.alive() ? a.baseUrl : b.baseUrl);
      for (const [i, agent] of crowd.agents.entries()) {
        const cookie = await agentSessionCookie(agent, AUTH_SECRET);
        readers.push({ name: `agent ${i + 1}`, kind: { kind: "agent" }, client: openEventStream({ url: () => agentStreamUrl(streamBase(), crowd), headers: { Cookie: cookie } }) });
      }
      for (const [i, contact] of crowd.contacts.entries()) {
        readers.push({ name: `contact ${i + 1}`, kind: { kind: "contact", contactId: contact.id }, client: openEventStream({ url: () => chatStreamUrl(streamBase(), crowd, contact.token) }) });
      }
      await Promise.all(readers.map((reader) => reader.client.readyCount(1)));
      check(
        readers.every((reader) => reader.client.connections[0]!.url.startsWith(a.baseUrl)),
        `${agentCount} agents' inbox streams and ${contactCount} contacts' chat streams are open on web A`,
        log,
      );

      // Contacts post in turns through A and B (each message to the other process than the last);
      // a POST to A once it is gone is resent to B with the same client id.
      let accepted = 0;
      let retried = 0;
      const sent: { contact: number; clientId: string; messageId: string; via: string }[] = [];
      let phase: "before" | "during" | "after" = "before";
      const sendOne = async (contactIndex: number, n: number) => {
        const contact = crowd.contacts[contactIndex]!;
        const preferA = (contactIndex + n) % 2 === 0;
        const clientId = randomUUID();
        const result = await postChatMessage(() => (preferA && a.alive() ? a.baseUrl : b.baseUrl), crowd, contact.token, `Message ${n} from contact ${contactIndex + 1}`, clientId, {
          onRetry: () => retried++,
        });
        sent.push({ contact: contactIndex, clientId, messageId: result.messageId, via: result.baseUrl });
        accepted++;
      };
      const contactLoop = async (contactIndex: number) => {
        let n = 0;
        for (let i = 0; i < before; i++) await sendOne(contactIndex, ++n);
        // Paced while the streams are away, and at most 15 more each: a contact may send 30 messages a minute.
        while (phase !== "after") {
          if (n < before + 15) await sendOne(contactIndex, ++n);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        for (let i = 0; i < afterwards; i++) await sendOne(contactIndex, ++n);
      };
      const senders = crowd.contacts.map((_, index) => contactLoop(index));

      // A dies mid-flow: once a share of the first messages is in, while every contact keeps sending.
      const mark = Math.ceil((contactCount * before) / 2);
      await waitUntil(() => accepted >= mark, { what: `${mark} messages to be accepted`, timeoutMs: 120_000, intervalMs: 5 });
      const killedAt = accepted;
      await killProcessGroup(a, "SIGKILL");
      phase = "during";
      log(`SIGKILL to web A (pid ${a.child.pid}) after ${killedAt} messages accepted; contacts keep sending`);

      // Each stream drops and comes back on B by itself (EventSource's retry, with Last-Event-ID).
      await Promise.all(readers.map((reader) => reader.client.readyCount(2, 120_000)));
      const duringOutage = accepted - killedAt;
      phase = "after";
      log(`every stream reconnected to web B; ${duringOutage} messages were accepted between the kill and the last reconnect`);
      await Promise.all(senders);
      log(`${accepted} messages accepted in all (${sent.filter((m) => m.via === a.baseUrl).length} through A, ${sent.filter((m) => m.via === b.baseUrl).length} through B; ${retried} POSTs resent after A died)`);

      // What was produced: each accepted message is stored once, and announced once as a live event.
      const ids = new Set(sent.map((m) => m.messageId));
      const stored = await getDb().execute<{ n: string }>(sql`
        SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE c.workspace_id = ${crowd.ws.workspaceId}::uuid AND m.author_type = 'contact'`);
      check(
        ids.size === accepted && Number(stored.rows[0]!.n) === accepted,
        `each of the ${accepted} messages is stored exactly once (${ids.size} distinct ids answered, ${stored.rows[0]!.n} contact messages stored; a POST resent after the kill landed once)`,
        log,
      );
      let events = await storedLiveEvents(crowd.ws.workspaceId);
      const announced = events.filter((event) => event.type === "message.created").length;
      check(announced === accepted, `each message was announced as one live event with an id (${announced} message.created events stored)`, log);

      // Every stream: everything it may see since its first cursor, exactly once, no resync.
      const pending: string[] = [];
      await waitUntil(
        async () => {
          // Read again each time: the worker may still be adding events (an assignment, say).
          events = await storedLiveEvents(crowd.ws.workspaceId);
          pending.length = 0;
          for (const reader of readers) {
            const cursor = reader.client.events.find((event) => event.event === "ready" && event.connection === 0)!.lastEventId;
            if (describeDifference(expectedKeys(events, reader.kind, cursor), receivedKeys(reader.client.events, reader.kind)) !== "") pending.push(reader.name);
          }
          return pending.length === 0;
        },
        { what: "every stream to have received what it should", timeoutMs: 60_000, intervalMs: 100 },
      ).catch((error: unknown) => {
        const reader = readers.find((r) => r.name === pending[0])!;
        const cursor = reader.client.events.find((event) => event.event === "ready" && event.connection === 0)!.lastEventId;
        throw new Error(`${pending.length} streams differ from the stored events, e.g. ${reader.name}: ${describeDifference(expectedKeys(events, reader.kind, cursor), receivedKeys(reader.client.events, reader.kind))} (${String(error)})`);
      });
      const totalReceived = readers.reduce((sum, reader) => sum + [...receivedKeys(reader.client.events, reader.kind).values()].reduce((a2, b2) => a2 + b2, 0), 0);
      log(`checked: every stream received every stored event it may see since it opened, as many times as stored (${totalReceived} events across ${readers.length} streams; agents: the workspace's, contacts: their own conversation's)`);
      const stepsBack = readers.reduce((sum, reader) => sum + cursorStepsBack(reader.client.events), 0);
      check(stepsBack === 0, `no stream's cursor moved back, across its reconnect too (${stepsBack} steps back)`, log);
      const resyncs = readers.filter((reader) => reader.client.events.some((event) => event.event === "resync"));
      check(resyncs.length === 0, `no stream was told to resync (${resyncs.length})`, log);
      const resumed = readers.filter((reader) => {
        const second = reader.client.connections[1];
        return second && second.url.startsWith(b.baseUrl) && second.sentLastEventId !== "" && second.readyData === JSON.stringify({ resumed: true });
      });
      check(resumed.length === readers.length, `every stream reconnected to web B sending Last-Event-ID and was answered "resumed" (${resumed.length}/${readers.length})`, log);
      const replayed = readers.reduce((sum, reader) => sum + reader.client.events.filter((e) => e.connection === 1 && e.beforeReady && (e.event === "change" || e.event === "workflow")).length, 0);
      check(replayed > 0, `the resume was exercised: ${replayed} events missed while the streams were down were replayed from their Last-Event-ID on reconnect`, log);
      check(worker.alive(), "the worker ran throughout", log);
    } finally {
      for (const reader of readers) reader.client.close();
      for (const web of webs) await web.stop();
      if (worker) await killProcessGroup(worker, "SIGKILL");
      await db.close();
    }
  },
};
