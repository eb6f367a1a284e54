import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { buildIsFresh } from "@/lib/server/build-freshness";

/** A Parley of its own, started by `npm start` on an empty database with no demo seed. */
export type FreshServer = {
  baseURL: string;
  /** The single-use setup link the start printed (the database has no account yet). */
  setupLink: string;
  /** Everything the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
};

type Options = {
  /** Not 3100, where Playwright's own server runs. */
  port?: number;
  /** Relative to the project; deleted before the start (PARLEY_RESET_DATA). */
  dataDir?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
};

const ROOT = path.resolve(import.meta.dirname, "../..");
const SETUP_LINK = /^\s*(https?:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+)\s*$/m;

/**
 * Spawns `npm start` with PARLEY_SEED=false on a fresh embedded database (its own data directory
 * and port; the existing .next build is reused by the start's freshness check) and resolves once
 * the banner printed the setup link. stop() ends the server and its PostgreSQL.
 */
export async function startFreshServer(options: Options = {}): Promise<FreshServer> {
  // Its `npm start` would rebuild .next under the suite's own server (whose pages would then
  // fail to load their chunks) if the sources changed since that server built it: refuse instead.
  if (!(await buildIsFresh(ROOT))) throw new Error("The sources changed since the test server built the app: run the browser tests again.");
  const port = options.port ?? 3101;
  const baseURL = `http://localhost:${port}`;
  const child: ChildProcessWithoutNullStreams = spawn("npm", ["start"], {
    cwd: ROOT,
    // Its own process group, so stop() reaches npm, the server and PostgreSQL together.
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
      PARLEY_DATA_DIR: options.dataDir ?? `.data/e2e-first-run-${port}`,
      PARLEY_RESET_DATA: "true",
      PARLEY_SEED: "false",
      NODE_ENV: "production",
      DATABASE_URL: "",
      ...options.env,
    },
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return; // Already gone.
    }
    await exited;
  };

  const setupLink = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(`no setup link within ${options.timeoutMs ?? 600_000} ms`), options.timeoutMs ?? 600_000);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`The fresh server did not start (${why}). Its output:\n${output}`)));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const link = output.includes("Parley is running on") ? output.match(SETUP_LINK)?.[1] : undefined;
      if (link && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(link);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(`it exited with code ${code}`));
  });
  return { baseURL, setupLink, output: () => output, stop };
}
