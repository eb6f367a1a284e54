import type { ChaosScenario } from "@/lib/chaos/chaos-scenario";
import { startChaosDatabase } from "@/lib/chaos/chaos-database";
import { checkExactlyOncePerContact, fanOutProgress, publishFanOut } from "@/lib/chaos/chaos-fixture";
import { killWorker, spawnWorker, waitUntil, type WorkerProcess } from "@/lib/testing/child-processes";

export const scenario: ChaosScenario = {
  name: "worker-sigkill",
  description: "A worker is SIGKILLed again and again during an audience fan-out; a fresh one finishes it: exactly one conversation and one first message per contact.",
  run: async ({ short, log }) => {
    const contacts = short ? 300 : 20_000;
    const kills = short ? 2 : 10;
    // Small batches make many jobs, so each kill lands inside some and between others.
    const env = { PARLEY_AUDIENCE_BATCH_SIZE: short ? "10" : "200", WORKER_CONCURRENCY: "2" };
    const db = await startChaosDatabase("worker-sigkill", log);
    const workers: WorkerProcess[] = [];
    try {
      const fanOut = await publishFanOut(contacts);
      log(`published a workflow whose fan-out enters ${contacts} contacts (batches of ${env.PARLEY_AUDIENCE_BATCH_SIZE}, 2 jobs at once)`);
      // Kill points spread over the run: after the first batch, then evenly up to ~90% of the contacts.
      const targets = Array.from({ length: kills }, (_, i) => Math.max(1, Math.floor((contacts * 0.9 * i) / kills)));
      let midRun = 0;
      for (const [i, target] of targets.entries()) {
        const worker = spawnWorker(db.url, env);
        workers.push(worker);
        await worker.ready;
        await waitUntil(async () => (await fanOutProgress(fanOut)).conversations >= target, { what: `${target} conversations`, timeoutMs: 300_000, intervalMs: 5, process: worker });
        await killWorker(worker);
        const now = await fanOutProgress(fanOut);
        if (now.conversations < contacts) midRun++;
        log(`SIGKILL ${i + 1}/${kills}: worker pid ${worker.child.pid} killed at ${now.conversations}/${contacts} conversations`);
      }
      if (midRun === 0) throw new Error("no kill landed before the fan-out had finished: nothing was tested");
      log(`checked: ${midRun} of ${kills} kills landed with the fan-out unfinished`);

      const last = spawnWorker(db.url, env);
      workers.push(last);
      await last.ready;
      log(`started worker pid ${last.child.pid} to finish the run`);
      const done = await waitUntil(
        async () => {
          const now = await fanOutProgress(fanOut);
          return now.waiting === contacts ? now : null;
        },
        { what: "every contact to be waiting at the Branch", timeoutMs: short ? 60_000 : 600_000, intervalMs: 100, process: last },
      );
      log(`the run finished: ${done.conversations} conversations, ${done.messages} messages, ${done.waiting} runs waiting at the Branch`);
      await checkExactlyOncePerContact(fanOut, log);
    } finally {
      for (const worker of workers) await killWorker(worker);
      await db.close();
    }
  },
};
