import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { ChaosScenario } from "@/lib/chaos/chaos-scenario";
import { startChaosDatabase } from "@/lib/chaos/chaos-database";
import { checkExactlyOncePerContact, fanOutProgress, publishFanOut } from "@/lib/chaos/chaos-fixture";
import { agentStreamUrl, postChatMessage, seedCrowd, startWebProcesses } from "@/lib/chaos/web-crowd";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { freePortIn, killProcessGroup, startWorkerScript, waitUntil, type WebProcess, type WorkerProcess } from "@/lib/testing/child-processes";
import { openEventStream, type EventStreamClient } from "@/lib/testing/event-stream-client";
import { audienceBatchJob } from "@/lib/workflow/engine/job-specs";

const AUTH_SECRET = "parley-scale-out-secret-9b4d7e2c1a";
const METRICS_TOKEN = "parley-scale-out-metrics-token";
const PASSWORD = "scale-out-password-1234";

function check(condition: boolean, what: string, log: (line: string) => void) {
  if (!condition) throw new Error(`check failed: ${what}`);
  log(`checked: ${what}`);
}

/** A counter of a worker's /metrics (Prometheus text) for one task, 0 when absent. */
async function jobsOf(port: number, metric: "parley_jobs_run_total" | "parley_jobs_failed_total", task: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!response.ok) throw new Error(`worker metrics on port ${port} answered ${response.status}`);
  const line = (await response.text()).split("\n").find((l) => l.startsWith(`${metric}{task="${task}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

/** Signs in through next-auth's credentials endpoint (as the sign-in form posts it); returns the session cookie. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", Cookie: csrfCookie, Origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`signing in on ${baseUrl} set no session cookie (${response.status})`);
  return session.split(";")[0]!;
}

/**
 * Two web processes and two `npm run worker` processes on one PostgreSQL, as README "Scaling out"
 * describes: a fan-out is shared by both workers, exactly once; a contact's message sent through
 * web A reaches an agent's live stream on web B; a session signed in on A is accepted by B.
 */
export const scenario: ChaosScenario = {
  name: "scale-out",
  description:
    "Two web processes and two `npm run worker` processes on one PostgreSQL: both workers share a fan-out (each runs some batches, none twice); a contact's message through web A reaches an agent's live stream on web B; signing in on A works on B.",
  run: async ({ short, log }) => {
    const contacts = short ? 300 : 20_000;
    const batchSize = short ? 10 : 200;
    const batches = Math.ceil(contacts / batchSize);
    const db = await startChaosDatabase("scale-out", log);
    let webs: WebProcess[] = [];
    const workers: WorkerProcess[] = [];
    let stream: EventStreamClient | undefined;
    try {
      // Two workers, each with its own metrics port: what each ran is read from its own counters.
      const metricsPorts = [await freePortIn(3230, 3239)];
      metricsPorts.push(await freePortIn(metricsPorts[0]! + 1, 3239));
      for (const port of metricsPorts) {
        workers.push(
          startWorkerScript(db.url, {
            PARLEY_AUDIENCE_BATCH_SIZE: String(batchSize),
            WORKER_CONCURRENCY: "2",
            PARLEY_WORKER_METRICS_PORT: String(port),
            PARLEY_METRICS_TOKEN: METRICS_TOKEN,
          }),
        );
      }
      webs = await startWebProcesses(db.url, 2, AUTH_SECRET, log);
      const [a, b] = webs as [WebProcess, WebProcess];
      await Promise.all(workers.map((worker) => worker.ready));
      log(`started 2 \`npm run worker\` processes (pids ${workers.map((w) => w.child.pid).join(", ")}; batches of ${batchSize}, 2 jobs at once each)`);

      // 1. A fan-out shared by both workers.
      const fanOut = await publishFanOut(contacts);
      log(`published a workflow whose fan-out enters ${contacts} contacts in ${batches} batch jobs`);
      const done = await waitUntil(
        async () => {
          const now = await fanOutProgress(fanOut);
          return now.waiting === contacts ? now : null;
        },
        { what: "every contact to be waiting at the Branch", timeoutMs: short ? 120_000 : 900_000, intervalMs: 100 },
      );
      log(`the fan-out finished: ${done.conversations} conversations, ${done.messages} messages, ${done.waiting} runs waiting`);
      await checkExactlyOncePerContact(fanOut, log);
      const ran = await Promise.all(metricsPorts.map((port) => jobsOf(port, "parley_jobs_run_total", audienceBatchJob.name)));
      const failed = await Promise.all(metricsPorts.map((port) => jobsOf(port, "parley_jobs_failed_total", audienceBatchJob.name)));
      check(ran.every((n) => n > 0), `both workers ran some of the fan-out's batches (worker 1: ${ran[0]}, worker 2: ${ran[1]}, from each worker's own parley_jobs_run_total)`, log);
      check(
        ran[0]! + ran[1]! === batches && failed.every((n) => n === 0),
        `none ran a batch twice: ${ran[0]} + ${ran[1]} = ${batches} batch jobs, none failed or retried`,
        log,
      );

      // 2. Signing in on A works on B (the shared NEXTAUTH_SECRET); B refuses a session it did not sign.
      const crowd = await seedCrowd(1, 1);
      const agent = crowd.agents[0]!;
      await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, agent.id));
      const cookie = await signIn(a.baseUrl, agent.email, PASSWORD);
      log(`signed ${agent.email} in on web A (next-auth's credentials endpoint): it set a session cookie`);
      const sessionOnB = (await (await fetch(`${b.baseUrl}/api/auth/session`, { headers: { Cookie: cookie } })).json()) as { user?: { email?: string } };
      check(sessionOnB.user?.email === agent.email, `web B reads that session as ${agent.email}`, log);
      const forged = cookie.replace(/=(.{8})/, "=AAAAAAAA");
      const refused = await fetch(agentStreamUrl(b.baseUrl, crowd), { headers: { Cookie: forged } });
      await refused.body?.cancel();
      check(refused.status === 401, `web B refuses a session cookie it cannot verify (${refused.status}), so the one above was checked`, log);

      // 3. A contact's message through A reaches the agent's live stream on B (opened with A's session).
      stream = openEventStream({ url: () => agentStreamUrl(b.baseUrl, crowd), headers: { Cookie: cookie } });
      await stream.readyCount(1);
      check(stream.connections[0]!.status === 200, "the agent's inbox stream on web B, opened with the session from web A, is live", log);
      const posted = await postChatMessage(() => a.baseUrl, crowd, crowd.contacts[0]!.token, "Hello from web A", randomUUID());
      check(posted.baseUrl === a.baseUrl && posted.status === 201, "a contact posted a chat message through web A (201)", log);
      const conversation = await getDb().execute<{ conversation_id: string }>(sql`SELECT conversation_id FROM messages WHERE id = ${posted.messageId}::uuid`);
      const conversationId = conversation.rows[0]!.conversation_id;
      await waitUntil(
        () =>
          stream!.events.some((event) => {
            if (event.event !== "change") return false;
            const data = JSON.parse(event.data) as { type: string; conversationId: string | null };
            return data.type === "message.created" && data.conversationId === conversationId;
          }),
        { what: "the message to reach the agent's stream on web B", timeoutMs: 30_000 },
      );
      log("checked: the message reached the agent's live stream on web B (message.created for its conversation)");
    } finally {
      stream?.close();
      for (const web of webs) await web.stop();
      for (const worker of workers) await killProcessGroup(worker, "SIGKILL");
      await db.close();
    }
  },
};
