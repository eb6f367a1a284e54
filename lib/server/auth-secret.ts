import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { provideEnv, readEnv } from "@/lib/env";

/**
 * next-auth signs sessions with this secret. Taken from the environment when given; otherwise
 * generated once and kept in the data directory so sessions survive restarts.
 */
export async function ensureAuthSecret(dataDir: string): Promise<void> {
  const env = readEnv();
  const given = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (given) {
    provideEnv({ NEXTAUTH_SECRET: given });
    return;
  }
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  }
  provideEnv({ NEXTAUTH_SECRET: (await readFile(file, "utf8")).trim() });
}
