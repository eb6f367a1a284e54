import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "proxy.ts"];
const STAMP = path.join(".next", "parley-source-hash");

async function* files(entry: string): AsyncGenerator<string> {
  if (!existsSync(entry)) return;
  if (!(await stat(entry)).isDirectory()) {
    yield entry;
    return;
  }
  for (const child of (await readdir(entry)).sort()) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    yield* files(path.join(entry, child));
  }
}

/** A hash of everything the production build is made from. */
export async function sourceHash(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for await (const file of files(path.join(root, source))) {
      hash.update(path.relative(root, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

/** True when .next was built from exactly the current sources, so `npm start` can skip the build. */
export async function buildIsFresh(root: string): Promise<boolean> {
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  return (await readFile(stamp, "utf8")).trim() === (await sourceHash(root));
}

export async function markBuildFresh(root: string): Promise<void> {
  await writeFile(path.join(root, STAMP), `${await sourceHash(root)}\n`);
}
