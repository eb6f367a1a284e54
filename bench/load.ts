/**
 * npm run bench:load — a crowd on one web process with its worker, in a fresh embedded PostgreSQL:
 * CONTACTS contacts with open chat pages (each holds its chat's live stream) send messages at RATE
 * a second in all, while AGENTS agents hold their inbox's live stream open. Every contact's open
 * conversation is assigned to one of the agents, so each message reaches its agent's stream as a
 * notification ("New message from …") whose preview is the message itself.
 *
 * The POSTs come from autocannon (paced to RATE, for DURATION seconds, loopback only); each
 * message's text carries its send time, read back on the agents' streams. Printed: throughput,
 * chat POST p50/p95/p99, contact message → agent's live stream p50/p95, errors (non-2xx, socket
 * errors, timeouts, and messages that never reached their agent), and CPU seconds beside wall
 * time (the web process, PostgreSQL, this process). Targets on this machine: 200 messages a
 * second with POST p95 under 100 ms, delivery p95 under 300 ms, no error.
 *
 * The web process is `npm start`'s (scripts/start.ts: the built app and its in-process worker) on
 * BENCH_LOAD_PORT; it builds first if the build is stale. `npm test` runs the bench tiny against
 * the route handlers in-process (bench/load.test.ts), so its data and clients keep fitting the app.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { sessionToken } from "@/lib/chat/session-token";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { getDb } from "@/lib/db/client";
import { chatSessions } from "@/lib/db/schema/contacts";
import { childProcessEnv, readBenchEnv } from "@/lib/env";
import { WEB_NODE_FLAGS } from "@/lib/server/web-node-flags";
import { runService } from "@/lib/services/run-service";
import { asContact } from "@/lib/testing/service-scope";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { benchDatabase } from "./bench-database";
import { percentile } from "./percentile";
import { treeCpuSeconds } from "./process-cpu";
import { runAsScript } from "./run-as-script";

export type LoadBenchOptions = {
  contacts: number;
  agents: number;
  /** Contact messages a second, all contacts together. */
  rate: number;
  durationSeconds: number;
  /** Seconds sent at the same rate first and not counted (a fresh process warming up). */
  warmupSeconds: number;
  /** The port `npm start` listens on (loopback). */
  port: number;
  /** Where the web process writes a CPU profile (Node's --cpu-prof) when it stops; unset: none. */
  profileDir?: string;
  /**
   * A web app already serving `baseUrl` on the migrated database `databaseUrl`, signing sessions
   * with `authSecret` (the smoke test's in-process routes), instead of starting `npm start`.
   */
  server?: { baseUrl: string; databaseUrl: string; authSecret: string };
};

export type LoadBenchResult = {
  sent: number;
  ok: number;
  errors: { non2xx: number; socket: number; timeouts: number; undelivered: number; streamsLost: number };
  messagesPerSecond: number;
  /** byFifth: the p95 of the POSTs sent in each fifth of the load, in order: a burst shows as one slow fifth. */
  post: { p50: number; p95: number; p99: number; byFifth: number[] };
  delivery: { p50: number; p95: number; delivered: number };
  wallSeconds: number;
  cpu: { web: number; postgres: number; bench: number } | null;
};

const AUTH_SECRET = "parley-load-bench-secret-3f9c1d7e5a2b";
const SESSION_COOKIE = "next-auth.session-token";
// How long after the last POST a message may still be on its way before it counts as lost.
const DRAIN_MS = 10_000;
/** autocannon instances the rate is split over, started evenly across one second (see below). */
const LOAD_INSTANCES = 50;

const ms = (value: number) => `${value.toFixed(1)} ms`;

type Seeded = { workspaceId: string; channelId: string; contactTokens: string[]; agentIds: string[]; agentOf: number[] };

/**
 * The workspace: AGENTS agents, CONTACTS contacts each with a chat session and an open
 * conversation (its first message recorded by the real service), assigned round robin to agents.
 */
async function seed(options: LoadBenchOptions): Promise<Seeded> {
  const db = getDb();
  const fixture = await createWorkspaceFixture(db);
  const { workspaceId, chatChannelId: channelId } = fixture;
  const agents = await db.execute<{ id: string }>(sql`
    WITH made AS (
      INSERT INTO users (email, name) SELECT 'agent' || g || '@load.test', 'Agent ' || g FROM generate_series(1, ${options.agents}) g RETURNING id, email)
    SELECT id FROM made ORDER BY substring(email FROM 6 FOR length(email) - 15)::int`);
  const agentIds = agents.rows.map((row) => row.id);
  await db.execute(sql`
    INSERT INTO memberships (workspace_id, user_id, role)
    SELECT ${workspaceId}::uuid, id, 'agent' FROM users WHERE email LIKE '%@load.test'`);
  const contacts = await db.execute<{ id: string }>(sql`
    WITH made AS (
      INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email)
      SELECT ${workspaceId}::uuid, 'load-' || g, 'Visitor', 'No. ' || g, 'visitor' || g || '@load.test' FROM generate_series(1, ${options.contacts}) g
      RETURNING id, external_id)
    SELECT id FROM made ORDER BY substring(external_id FROM 6)::int`);
  const contactIds = contacts.rows.map((row) => row.id);
  const sessions = await db
    .insert(chatSessions)
    .values(contactIds.map((contactId) => ({ workspaceId, channelId, contactId })))
    .returning({ id: chatSessions.id, contactId: chatSessions.contactId });
  const sessionOf = new Map(sessions.map((session) => [session.contactId, session.id]));
  const agentOf = contactIds.map((_, index) => index % agentIds.length);
  for (const [index, contactId] of contactIds.entries()) {
    const scope = await asContact(workspaceId, contactId);
    const { conversationId } = await runService(scope, recordContactMessage, { channelId, contactId, sessionId: sessionOf.get(contactId)!, text: "Hello!" });
    await db.execute(sql`UPDATE conversations SET assignee_user_id = ${agentIds[agentOf[index]!]!}::uuid WHERE id = ${conversationId}::uuid`);
  }
  await db.execute(sql`VACUUM ANALYZE`);
  return { workspaceId, channelId, contactTokens: contactIds.map((contactId) => sessionToken(sessionOf.get(contactId)!, "s")), agentIds, agentOf };
}

type WebProcess = { child: ChildProcess; baseUrl: string; stop: () => Promise<void> };

/** `npm start` (scripts/start.ts) on the bench's database, in its own process group. */
async function startWeb(port: number, databaseUrl: string, profileDir: string | undefined): Promise<WebProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "parley-load-"));
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...WEB_NODE_FLAGS, ...profile, "--import", "tsx", "scripts/start.ts"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: childProcessEnv({
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      PARLEY_DATA_DIR: dataDir,
      PARLEY_SEED: "false",
      PARLEY_LOG_LEVEL: "warn",
    }),
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      const killer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  // A first start builds the app (minutes); the bench waits for the health check, not a sleep.
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return { child, baseUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error("npm start did not answer /api/health in time");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type SseEvent = { event: string; data: string };
type Stream = { ready: Promise<void>; close: () => void; lost: () => boolean };

/** An EventSource-like reader over a plain socket per stream (as each browser tab holds its own). */
function openStream(url: string, headers: Record<string, string>, onEvent: (event: SseEvent) => void): Stream {
  let closing = false;
  let lost = false;
  let request: http.ClientRequest;
  const ready = new Promise<void>((resolve, reject) => {
    request = http.get(url, { headers: { Accept: "text/event-stream", ...headers }, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`${url} answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (event === "ready") resolve();
          if (data.length > 0 || event !== "message") onEvent({ event, data: data.join("\n") });
        }
      });
      response.on("close", () => {
        if (!closing) lost = true;
      });
    });
    request.on("error", (error) => {
      if (!closing) {
        lost = true;
        reject(error);
      }
    });
  });
  return {
    ready,
    close: () => {
      closing = true;
      request.destroy();
    },
    lost: () => lost,
  };
}

/** Opens `count` streams `concurrency` at a time (a crowd arriving, not one burst of hundreds of handshakes). */
async function openAll(count: number, open: (index: number) => Stream, concurrency = 25): Promise<Stream[]> {
  const streams: Stream[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) => open(start + offset));
    streams.push(...batch);
    await Promise.all(batch.map((stream) => stream.ready));
  }
  return streams;
}

const now = () => performance.timeOrigin + performance.now();
const MESSAGE = /^load (\d+) at (\d+\.\d+)$/;

export async function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchResult> {
  console.log(
    `Parley load benchmark — ${options.contacts} contacts with open chat pages sending ${options.rate} messages/s for ${options.durationSeconds} s, ${options.agents} agents with open live streams (${os.cpus().length} CPUs)\n`,
  );
  const database = await benchDatabase({ databaseUrl: options.server?.databaseUrl });
  let web: WebProcess | null = null;
  const streams: Stream[] = [];
  try {
    const seeded = await seed(options);
    // What autovacuum gives a live database: statistics for the planner (a freshly seeded one has none).
    await getDb().execute(sql`VACUUM ANALYZE`);
    console.log(`Seeded ${options.contacts} contacts (an open conversation each), ${options.agents} agents.`);
    web = options.server ? null : await startWeb(options.port, database.url, options.profileDir);
    const baseUrl = options.server?.baseUrl ?? web!.baseUrl;
    const secret = options.server?.authSecret ?? AUTH_SECRET;

    // Agents: a signed session cookie each, as next-auth issues it after sign-in.
    const delivered = new Map<number, number>();
    const agentCookies = await Promise.all(
      seeded.agentIds.map(async (id, index) => `${SESSION_COOKIE}=${await encode({ token: { sub: id, sv: 0, name: `Agent ${index + 1}`, email: `agent${index + 1}@load.test` }, secret })}`),
    );
    streams.push(
      ...(await openAll(options.agents, (index) =>
        openStream(`${baseUrl}/api/events?workspaceId=${seeded.workspaceId}`, { Cookie: agentCookies[index]! }, (event) => {
          if (event.event !== "change") return;
          const body = (JSON.parse(event.data) as { notification: { body: string } | null }).notification?.body;
          const match = body ? MESSAGE.exec(body) : null;
          if (match && !delivered.has(Number(match[1]))) delivered.set(Number(match[1]), now() - Number(match[2]));
        }),
      )),
    );
    // Contacts: the chat page's own live stream (the session in the query, as EventSource sends it).
    let contactEvents = 0;
    streams.push(
      ...(await openAll(options.contacts, (index) =>
        openStream(`${baseUrl}/api/chat/${seeded.channelId}/events?session=${encodeURIComponent(seeded.contactTokens[index]!)}`, {}, (event) => {
          if (event.event === "change") contactEvents++;
        }),
      )),
    );
    console.log(`Opened ${options.agents} agent streams and ${options.contacts} chat streams.`);

    // One message per request, the contacts taking turns (each contact sends RATE/CONTACTS a
    // second, under the chat's per-contact limit); the text carries its send time.
    let sequence = 0;
    const message = (built: autocannon.Request): autocannon.Request => {
      const n = ++sequence;
      return {
        ...built,
        headers: { ...built.headers, "content-type": "application/json", [CHAT_SESSION_HEADER]: seeded.contactTokens[n % options.contacts]! },
        body: JSON.stringify({ text: `load ${n} at ${now().toFixed(3)}`, clientId: randomUUID() }),
      };
    };
    const send = (seconds: number) => sendAtRate(baseUrl, { method: "POST", path: `/api/chat/${seeded.channelId}/messages` }, message, options.rate, seconds);

    // A fresh process loads its routes, compiles its code and opens its pool's connections on its
    // first requests: those seconds are sent at the same rate but not counted (their figures are
    // printed apart), as a process that has served a while is what this measures.
    let warmup: { sent: number; p95: number; lastSequence: number } | null = null;
    if (options.warmupSeconds > 0) {
      const phase = await send(options.warmupSeconds);
      const drainUntil = performance.now() + DRAIN_MS;
      while (delivered.size < phase.ok && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
      warmup = { sent: phase.sent, p95: percentile(latenciesOf(phase), 95) ?? 0, lastSequence: sequence };
    }
    // A message's number says which phase made it (autocannon may build a request it never sends).
    const counted = (n: number) => n > (warmup?.lastSequence ?? 0);

    const cpuBefore = await cpuNow(web);
    const started = performance.now();
    const phase = await send(options.durationSeconds);
    const { ok, non2xx, answers } = phase;
    const result = { sent: phase.sent, errors: phase.errors, timeouts: phase.timeouts };
    // Throughput over the span from the first request sent to the last answer: autocannon itself
    // reports its end on a once-a-second tick, up to a second after the last answer, which read
    // 20 s of load as 21 s (200/s kept up with read 190.5/s; 50/s, 47.6/s).
    const loadMs = phase.spanMs;
    // The last messages' way to their agents.
    const measuredDeliveries = () => [...delivered].filter(([n]) => counted(n));
    const drainUntil = performance.now() + DRAIN_MS;
    while (measuredDeliveries().length < ok && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
    const cpuAfter = await cpuNow(web);
    const wallSeconds = (performance.now() - started) / 1000;

    const latencies = latenciesOf(phase);
    const deliveries = measuredDeliveries()
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    const sent = result.sent;
    const messagesPerSecond = ok / (loadMs / 1000);
    const post = { p50: percentile(latencies, 50) ?? 0, p95: percentile(latencies, 95) ?? 0, p99: percentile(latencies, 99) ?? 0, byFifth: p95ByFifth(answers, phase.firstSentAt, loadMs) };
    const delivery = { p50: percentile(deliveries, 50) ?? 0, p95: percentile(deliveries, 95) ?? 0, delivered: deliveries.length };
    const errors = {
      non2xx,
      socket: result.errors,
      timeouts: result.timeouts,
      undelivered: Math.max(0, ok - deliveries.length),
      streamsLost: streams.filter((stream) => stream.lost()).length,
    };
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    const cpu = cpuBefore && cpuAfter ? { web: cpuAfter.web - cpuBefore.web, postgres: cpuAfter.postgres - cpuBefore.postgres, bench: cpuAfter.bench - cpuBefore.bench } : null;
    const verdict = (met: boolean) => (met ? "PASS" : "MISS");
    console.log(`
Load: ${sent.toLocaleString("en")} chat messages POSTed in ${(loadMs / 1000).toFixed(1)} s (${ok.toLocaleString("en")} accepted) to one web process with its worker${
      warmup ? `, after a ${options.warmupSeconds} s warm-up at the same rate (${warmup.sent.toLocaleString("en")} messages, not counted; their POST p95 ${ms(warmup.p95)})` : ""
    }
  throughput         ${messagesPerSecond.toFixed(1)} messages/s   (target ${options.rate}/s: ${verdict(messagesPerSecond >= options.rate * 0.98)})
  chat POST          p50 ${ms(post.p50)}   p95 ${ms(post.p95)}   p99 ${ms(post.p99)}   (target p95 < 100 ms: ${verdict(post.p95 < 100)})
    p95 by fifth     ${post.byFifth.map(ms).join(" / ")}   (the POSTs sent in each fifth of the load: a burst shows as one slow fifth)
  message → agent    p50 ${ms(delivery.p50)}   p95 ${ms(delivery.p95)}   (${delivery.delivered.toLocaleString("en")} of ${ok.toLocaleString("en")} read on the agents' live streams; target p95 < 300 ms: ${verdict(delivery.p95 < 300)})
  contacts' streams  ${contactEvents.toLocaleString("en")} change events read on the ${options.contacts} chat streams
  errors             ${errorCount} (non-2xx ${errors.non2xx}, socket ${errors.socket}, timeouts ${errors.timeouts}, never reached the agent ${errors.undelivered}, streams dropped ${errors.streamsLost})   (target none: ${verdict(errorCount === 0)})
  wall ${wallSeconds.toFixed(1)} s (load + up to ${DRAIN_MS / 1000} s for the last deliveries); CPU ${
      cpu ? `web process ${cpu.web.toFixed(1)} s, PostgreSQL ${cpu.postgres.toFixed(1)} s, this bench (autocannon + ${options.agents + options.contacts} stream readers) ${cpu.bench.toFixed(1)} s` : "not measured (web in this process)"
    }
`);
    return { sent, ok, errors, messagesPerSecond, post, delivery, wallSeconds, cpu };
  } finally {
    for (const stream of streams) stream.close();
    await web?.stop();
    await database.close();
  }
}

type Phase = {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Each answer's latency with when its request was sent (performance.now() ms). */
  answers: { sentAt: number; ms: number }[];
  firstSentAt: number;
  /** From the first request sent to the last answer received (performance.now() ms). */
  spanMs: number;
};

/** Every answer's latency, sorted ascending. */
function latenciesOf(phase: Phase): number[] {
  return phase.answers.map((answer) => answer.ms).sort((a, b) => a - b);
}

/** The p95 latency of the requests sent in each fifth of the span from `start` (0 for an empty fifth). */
export function p95ByFifth(answers: Phase["answers"], start: number, spanMs: number): number[] {
  const fifths: number[][] = [[], [], [], [], []];
  for (const answer of answers) fifths[Math.min(4, Math.max(0, Math.floor(((answer.sentAt - start) / Math.max(spanMs, 1)) * 5)))]!.push(answer.ms);
  return fifths.map((fifth) => percentile(fifth.sort((a, b) => a - b), 95) ?? 0);
}

/**
 * Sends `target`, each made by `setup`, at `rate` a second for `seconds`. autocannon paces a rate by letting each
 * connection send once per one-second tick, all connections of an instance on the same tick: one
 * instance would send the whole second's messages in one burst. Instances started 1/INSTANCES s
 * apart spread them over the second.
 */
async function sendAtRate(
  baseUrl: string,
  target: autocannon.Request,
  setup: (built: autocannon.Request) => autocannon.Request,
  rate: number,
  seconds: number,
): Promise<Phase> {
  const answers: Phase["answers"] = [];
  let ok = 0;
  let non2xx = 0;
  let firstSent = Infinity;
  let lastAnswered = 0;
  const timed: autocannon.Request = {
    ...target,
    setupRequest: (built) => {
      firstSent = Math.min(firstSent, performance.now());
      return setup(built);
    },
  };
  const instances = Math.min(rate, LOAD_INSTANCES);
  const results = await Promise.all(
    Array.from({ length: instances }, async (_, index) => {
      const share = Math.floor(rate / instances) + (index < rate % instances ? 1 : 0);
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / instances));
      return new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: baseUrl,
            connections: share,
            overallRate: share,
            amount: share * seconds,
            duration: seconds + 30,
            timeout: 10,
            requests: [timed],
          },
          (error, finished) => (error ? reject(error) : resolve(finished)),
        );
        instance.on("response", (_client, statusCode, _bytes, responseTime) => {
          lastAnswered = performance.now();
          answers.push({ sentAt: lastAnswered - responseTime, ms: responseTime });
          if (statusCode >= 200 && statusCode < 300) ok++;
          else non2xx++;
        });
      });
    }),
  );
  return {
    sent: results.reduce((sum, r) => sum + r.requests.sent, 0),
    ok,
    non2xx,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
    answers,
    firstSentAt: firstSent,
    spanMs: Math.max(0, lastAnswered - firstSent),
  };
}

/** CPU seconds so far of the web process's tree, PostgreSQL (this process's other children) and this process. */
async function cpuNow(web: WebProcess | null): Promise<{ web: number; postgres: number; bench: number } | null> {
  if (!web) return null;
  const [all, webTree] = await treeCpuSeconds([process.pid, web.child.pid!]);
  const usage = process.cpuUsage();
  const bench = (usage.user + usage.system) / 1e6;
  return { web: webTree!, postgres: all! - webTree! - bench, bench };
}

runAsScript(import.meta.url, async () => {
  const env = readBenchEnv();
  await runLoadBench({
    contacts: env.BENCH_LOAD_CONTACTS,
    agents: env.BENCH_LOAD_AGENTS,
    rate: env.BENCH_LOAD_RATE,
    durationSeconds: env.BENCH_LOAD_SECONDS,
    warmupSeconds: env.BENCH_LOAD_WARMUP_SECONDS,
    port: env.BENCH_LOAD_PORT,
    profileDir: env.BENCH_LOAD_PROFILE_DIR,
  });
});
