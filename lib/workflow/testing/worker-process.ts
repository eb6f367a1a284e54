import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { childProcessEnv } from "@/lib/env";

export type WorkerProcess = { child: ChildProcess; ready: Promise<void>; exited: Promise<void> };

const MAIN = path.resolve(import.meta.dirname, "worker-main.ts");

/**
 * Starts a graphile worker in a separate Node process (node --import tsx, so a SIGKILL hits the
 * worker itself, not an npx wrapper). Resolves `ready` once it is taking jobs.
 */
export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: process.cwd(),
    env: childProcessEnv({ ...env, DATABASE_URL: databaseUrl }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("worker ready")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code, signal) => reject(new Error(`worker exited before ready (${code ?? signal}): ${output.slice(-2000)}`)));
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, ready, exited };
}

export async function killWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGKILL");
  await worker.exited;
}
