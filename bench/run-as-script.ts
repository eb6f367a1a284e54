import path from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidEnvironmentError } from "@/lib/env";

/**
 * Runs a benchmark's main when its file is the script node was started with (`npm run bench`),
 * not when a test imports it to run it small.
 */
export function runAsScript(moduleUrl: string, main: () => Promise<void>): void {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(path.resolve(entry)).href !== moduleUrl) return;
  main().catch((error: unknown) => {
    // A bad variable is one line; anything else keeps its stack for whoever is tuning the bench.
    console.error(error instanceof InvalidEnvironmentError ? error.message : error);
    process.exitCode = 1;
  });
}
