import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { programsIn, type PostgresPrograms } from "./postgres-programs";

const run = promisify(execFile);

/** The system user PostgreSQL runs as when Parley runs as root (PostgreSQL refuses to run as root). */
export type ServerUser = { name: string; uid: number; gid: number };

/**
 * Where a started-as-root Parley keeps what the `postgres` user must reach when the project's own
 * directory is closed to it (root's home, a `mktemp -d` folder): the usual place for a service's
 * state, created readable by everyone, each cluster inside it private to that user.
 */
export const SHARED_STATE_DIRECTORY = "/var/lib/parley";

/**
 * Where a cluster lives, who runs it and with which programs. Normally: where it was asked to be,
 * run by the current user, with the programs in node_modules. Started as root, PostgreSQL runs as
 * the `postgres` user, which must be able to enter every directory down to the cluster and to the
 * programs; when it cannot, the cluster (and a copy of the programs) live under
 * SHARED_STATE_DIRECTORY instead, and `relocation` says why (the start banner prints it).
 */
export type ClusterPlacement = {
  directory: string;
  programs: PostgresPrograms;
  runAs: ServerUser | null;
  relocation: { requested: string; blockedAt: string } | null;
};

type Mode = { uid: number; gid: number; mode: number };

/** Whether the permission bits that apply to `user` (owner, group or other) include `bit` (4 read, 1 execute). */
function allows(entry: Mode, user: ServerUser, bit: 4 | 1): boolean {
  const shift = entry.uid === user.uid ? 6 : entry.gid === user.gid ? 3 : 0;
  return ((entry.mode >> shift) & bit) === bit;
}

/**
 * The first directory on the way to `target` (inclusive, as far as it exists) that `user` may
 * not enter, or null when it can reach it. Only the primary group counts: a process started with
 * another uid gets no supplementary groups.
 */
export async function firstClosedDirectory(target: string, user: ServerUser): Promise<string | null> {
  const absolute = path.resolve(target);
  const { root } = path.parse(absolute);
  const parts = absolute.slice(root.length).split(path.sep).filter(Boolean);
  let current = root;
  for (const part of ["", ...parts]) {
    current = part ? path.join(current, part) : current;
    let entry: Awaited<ReturnType<typeof stat>>;
    try {
      entry = await stat(current);
    } catch {
      return null; // Not created yet: Parley creates the rest, open to that user.
    }
    if (!entry.isDirectory()) return null;
    if (!allows(entry, user, 1)) return current;
  }
  return null;
}

/** Whether `user` can run the programs where they are: their directories enterable, the server binary executable. */
async function programsUsableBy(programs: PostgresPrograms, user: ServerUser): Promise<boolean> {
  for (const directory of ["bin", "lib", "share"]) {
    if ((await firstClosedDirectory(path.join(programs.root, directory), user)) !== null) return false;
  }
  for (const binary of [programs.postgres, programs.initdb]) {
    if (!allows(await stat(binary), user, 1)) return false;
  }
  return true;
}

/** Everything readable, directories and executables enterable by all: PostgreSQL's programs hold no secret. */
async function openToEveryone(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      await chmod(full, 0o755);
      await openToEveryone(full);
    } else {
      const { mode } = await stat(full);
      await chmod(full, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/**
 * A copy of the programs under `base`, made once per version. Copied aside then renamed, so two
 * processes starting together never run a half-copied binary.
 */
async function stagedPrograms(programs: PostgresPrograms, base: string): Promise<PostgresPrograms> {
  const target = path.join(base, `postgresql-${programs.version}-${os.platform()}-${os.arch()}`);
  if (!existsSync(target)) {
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(programs.root, partial, { recursive: true, verbatimSymlinks: true });
    await openToEveryone(partial);
    await chmod(partial, 0o755);
    try {
      await rename(partial, target);
    } catch (error) {
      // Another process staged them first: theirs is complete, this copy is not needed.
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
  }
  return programsIn(target, programs.version);
}

/** The same project data directory always maps to the same relocated cluster. */
export function relocatedClusterDirectory(requested: string, base = SHARED_STATE_DIRECTORY): string {
  const key = createHash("sha256").update(path.resolve(requested)).digest("hex").slice(0, 16);
  return path.join(base, `postgres-${key}`);
}

/** The shared directory, made open for the `postgres` user to enter (and for nobody else to write). */
async function openSharedDirectory(base: string, user: ServerUser): Promise<void> {
  try {
    await mkdir(base, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new Error(`could not create ${base} (${error instanceof Error ? error.message : String(error)}), where PostgreSQL must live when Parley runs as root from a directory the \`${user.name}\` user cannot enter: move the project to a directory that user can enter, run Parley as a normal user, or set DATABASE_URL.`);
  }
  const closed = await firstClosedDirectory(base, user);
  if (closed) {
    throw new Error(`the \`${user.name}\` user cannot enter ${closed}: give it access (chmod o+x ${closed}), run Parley as a normal user, or set DATABASE_URL.`);
  }
}

export async function placeCluster(options: {
  requested: string;
  /** A throwaway cluster (tests, benchmarks): relocated to a fresh temporary directory instead. */
  ephemeral?: boolean;
  programs: PostgresPrograms;
  runAs: ServerUser | null;
  base?: string;
}): Promise<ClusterPlacement> {
  const requested = path.resolve(options.requested);
  const { runAs } = options;
  if (!runAs) return { directory: requested, programs: options.programs, runAs, relocation: null };

  const base = options.base ?? SHARED_STATE_DIRECTORY;
  let programs = options.programs;
  if (!(await programsUsableBy(programs, runAs))) {
    await openSharedDirectory(base, runAs);
    programs = await stagedPrograms(programs, base);
  }

  const blockedAt = await firstClosedDirectory(path.dirname(requested), runAs);
  if (!blockedAt) return { directory: requested, programs, runAs, relocation: null };
  if (options.ephemeral) {
    // The temporary directory is the cluster's: initdb takes an empty directory its user owns.
    const directory = await mkdtemp(path.join(os.tmpdir(), "parley-postgres-"));
    return { directory, programs, runAs, relocation: { requested, blockedAt } };
  }
  await openSharedDirectory(base, runAs);
  const directory = relocatedClusterDirectory(requested, base);
  // For whoever finds it there: which Parley data directory this cluster belongs to.
  await writeFile(`${directory}.for`, `${requested}\n`);
  return { directory, programs, runAs, relocation: { requested, blockedAt } };
}

/** Started as root: the `postgres` user PostgreSQL runs as, created when the system has none. Otherwise null. */
export async function serverUser(): Promise<ServerUser | null> {
  if (process.getuid?.() !== 0) return null;
  const name = "postgres";
  const lookUp = async (): Promise<ServerUser> => {
    const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookUp();
  } catch {
    try {
      await run("useradd", ["--system", "--user-group", "--no-create-home", name]);
      return await lookUp();
    } catch {
      throw new Error(
        `PostgreSQL refuses to run as root and this system has no \`${name}\` user to run it as (creating one failed): create one (useradd --system ${name}), run Parley as a normal user, or set DATABASE_URL.`,
      );
    }
  }
}
